package org.modelregistry.interfaces.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.modelregistry.api.common.ClusterMemberInfo;
import org.modelregistry.infrastructure.cache.ClusterMember;

/**
 * Ready when this server's Hazelcast member runs (alone or with others): without it, limits, console sessions and
 * the read cache would not be shared. The members are in the details, for administrators. Part of
 * {@link RegistryReadinessCheck}.
 */
@ApplicationScoped
public class ClusterReadinessCheck implements HealthCheck {

    @EJB
    ClusterMember member;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("cluster");
        if (!member.running()) {
            return response.down()
                    .withData("error", "the cluster member is not running")
                    .build();
        }
        List<ClusterMemberInfo> members = member.members();
        return response.up()
                .withData("name", member.clusterName())
                .withData("members", members.size())
                .withData(
                        "addresses",
                        String.join(
                                ",",
                                members.stream().map(ClusterMemberInfo::address).toList()))
                .build();
    }
}
