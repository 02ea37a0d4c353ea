package org.modelregistry.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.domain.catalog.CatalogRules;

class CallerTest {

    private static final UUID MINE = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();

    @Test
    void nonMembersGet404AndMembersWhoAreNotOwners403() {
        Caller bob = new Caller("bob", false, Map.of(MINE, Set.of(Role.CONTRIBUTOR)));
        assertThatThrownBy(() -> bob.requireVisible(OTHER, "model", "x")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bob.requireOwner(OTHER, List.of("bob"), "model", "x"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bob.requireOwner(MINE, List.of("alice"), "model", "x"))
                .isInstanceOf(ForbiddenException.class);
        assertThatCode(() -> bob.requireOwner(MINE, List.of("alice", "bob"), "model", "x"))
                .doesNotThrowAnyException();
    }

    @Test
    void administratorsMayChangeWhatTheyCanSee() {
        Caller orgAdmin = new Caller("ann", false, Map.of(MINE, Set.of(Role.ADMIN)));
        assertThatCode(() -> orgAdmin.requireOwner(MINE, List.of("alice"), "model", "x"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> orgAdmin.requireOwner(OTHER, List.of("ann"), "model", "x"))
                .isInstanceOf(NotFoundException.class);
        Caller root = new Caller("admin", true, Map.of());
        assertThat(root.visibleOrganizations()).isNull();
        assertThatCode(() -> root.requireOwner(OTHER, List.of("alice"), "model", "x"))
                .doesNotThrowAnyException();
    }

    @Test
    void onlyContributorsAndAdminsRegisterModels() {
        Caller viewer = new Caller("vic", false, Map.of(MINE, Set.of(Role.VIEWER)));
        assertThatThrownBy(() -> viewer.requireContributor(MINE, "mine")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> viewer.requireContributor(OTHER, "other")).isInstanceOf(NotFoundException.class);
        assertThat(viewer.visibleOrganizations()).containsExactly(MINE);
        assertThat(Caller.unknown("ghost").visibleOrganizations()).isEmpty();
    }

    @Test
    void singleSignOnUsersHaveANamespaceOfTheirOwn() {
        String name = Caller.singleSignOnName("https://idp.example.test", "admin");
        assertThat(name).isEqualTo("sso:idp.example.test/admin");
        assertThat(name).isNotEqualTo("admin");
        assertThat(CatalogRules.PRINCIPAL.matcher(name).matches()).isTrue();
        assertThat(User.USERNAME.matcher(name).matches())
                .as("no local account can take the name")
                .isFalse();
        assertThat(User.isValidUsername(name)).isFalse();
        assertThat(User.isValidUsername(Caller.SSO_PREFIX + "admin")).isFalse();
        // odd or long subjects and issuers are hashed into the same shape, never longer than 128 characters
        String odd = Caller.singleSignOnName("urn:not a host", "a subject/with\nnewline" + "x".repeat(300));
        assertThat(odd).startsWith("sso:~").hasSizeLessThanOrEqualTo(128).doesNotContain("\n");
        // a subject spelled like a hash is its own name, never the hashed name of somebody else
        String hashed = Caller.singleSignOnName("https://idp.example.test", "a subject/with space");
        String lookalike = hashed.substring(hashed.indexOf('/') + 2);
        assertThat(Caller.singleSignOnName("https://idp.example.test", lookalike))
                .isNotEqualTo(hashed);
        assertThat(CatalogRules.PRINCIPAL.matcher(odd).matches()).isTrue();
        assertThat(Caller.singleSignOnName("https://other.example", "admin")).isNotEqualTo(name);
    }
}
