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
        assertThatCode(() -> bob.requireOwner(MINE, List.of("alice", "bob"), "model", "x")).doesNotThrowAnyException();
    }

    @Test
    void administratorsMayChangeWhatTheyCanSee() {
        Caller orgAdmin = new Caller("ann", false, Map.of(MINE, Set.of(Role.ADMIN)));
        assertThatCode(() -> orgAdmin.requireOwner(MINE, List.of("alice"), "model", "x")).doesNotThrowAnyException();
        assertThatThrownBy(() -> orgAdmin.requireOwner(OTHER, List.of("ann"), "model", "x"))
                .isInstanceOf(NotFoundException.class);
        Caller root = new Caller("admin", true, Map.of());
        assertThat(root.visibleOrganizations()).isNull();
        assertThatCode(() -> root.requireOwner(OTHER, List.of("alice"), "model", "x")).doesNotThrowAnyException();
    }

    @Test
    void onlyContributorsAndAdminsRegisterModels() {
        Caller viewer = new Caller("vic", false, Map.of(MINE, Set.of(Role.VIEWER)));
        assertThatThrownBy(() -> viewer.requireContributor(MINE, "mine")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> viewer.requireContributor(OTHER, "other")).isInstanceOf(NotFoundException.class);
        assertThat(viewer.visibleOrganizations()).containsExactly(MINE);
        assertThat(Caller.unknown("ghost").visibleOrganizations()).isEmpty();
    }
}
