package org.modelregistry.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.identity.Role;
import org.modelregistry.domain.identity.UserGrant.OrganizationRole;

class UserGrantTest {

    private static final UUID ORG_A = UUID.randomUUID();
    private static final UUID ORG_B = UUID.randomUUID();

    @Test
    void anActiveGrantMakesACallerWithItsRolesPerOrganization() {
        UserGrant grant = new UserGrant(
                UUID.randomUUID(),
                "alice",
                true,
                false,
                List.of(
                        new OrganizationRole(ORG_A, Role.VIEWER),
                        new OrganizationRole(ORG_A, Role.CONTRIBUTOR),
                        new OrganizationRole(ORG_B, Role.ADMIN)));
        Caller caller = grant.caller();
        assertThat(caller.username()).isEqualTo("alice");
        assertThat(caller.registryAdmin()).isFalse();
        assertThat(caller.roles().get(ORG_A)).containsExactlyInAnyOrder(Role.VIEWER, Role.CONTRIBUTOR);
        assertThat(caller.roles().get(ORG_B)).containsExactly(Role.ADMIN);
        assertThat(caller.visibleOrganizations()).isEqualTo(Set.of(ORG_A, ORG_B));
    }

    @Test
    void anInactiveAccountGrantsNothingNotEvenAdministration() {
        UserGrant grant = new UserGrant(
                UUID.randomUUID(), "mallory", false, true, List.of(new OrganizationRole(ORG_A, Role.ADMIN)));
        Caller caller = grant.caller();
        assertThat(caller.registryAdmin()).isFalse();
        assertThat(caller.roles()).isEmpty();
        assertThat(caller.isMember(ORG_A)).isFalse();
    }

    @Test
    void whatTheCacheKeepsReadsBackAsItWasWritten() throws Exception {
        UserGrant grant = new UserGrant(
                UUID.randomUUID(),
                "bob@example.org",
                true,
                true,
                List.of(new OrganizationRole(ORG_A, Role.AUDITOR), new OrganizationRole(ORG_B, Role.DEPLOYER)));
        try (Jsonb json = JsonbBuilder.create()) {
            UserGrant back = json.fromJson(json.toJson(grant), UserGrant.class);
            assertThat(back).isEqualTo(grant);
            assertThat(back.caller()).isEqualTo(grant.caller());
        }
    }

    @Test
    void theGrantsMembershipsCannotBeChangedAfterwards() {
        List<OrganizationRole> rows = new ArrayList<>(List.of(new OrganizationRole(ORG_A, Role.VIEWER)));
        UserGrant grant = new UserGrant(UUID.randomUUID(), "carol", true, false, rows);
        rows.add(new OrganizationRole(ORG_B, Role.ADMIN));
        assertThat(grant.memberships()).hasSize(1);
    }
}
