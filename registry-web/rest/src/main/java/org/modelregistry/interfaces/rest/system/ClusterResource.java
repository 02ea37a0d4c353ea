package org.modelregistry.interfaces.rest.system;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.common.ClusterStatus;
import org.modelregistry.infrastructure.cache.CatalogCache;
import org.modelregistry.infrastructure.cache.ClusterMember;
import org.modelregistry.interfaces.rest.Roles;

/** {@code /api/v1/admin/cluster}: the servers that act as one registry, as this server sees them (administrators). */
@RolesAllowed(Roles.ADMIN)
@Path("/v1/admin/cluster")
@Tag(name = "System")
public class ClusterResource {

    @EJB
    ClusterMember member;

    @Inject
    CatalogCache cache;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getClusterStatus",
            summary = "The cluster's members and this server's read-cache figures (registry administrators)")
    @APIResponse(
            responseCode = "200",
            description = "The cluster as this server sees it",
            content = @Content(schema = @Schema(implementation = ClusterStatus.class)))
    public ClusterStatus cluster() {
        long[] counts = cache.counts();
        return new ClusterStatus(
                member.clusterName(), member.members(), cache.enabled(), counts[0], counts[1], counts[2], counts[3]);
    }
}
