package org.modelregistry.api.identity;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** Users, organizations and memberships; registry administrators only. */
public interface UserService {

    UserDto create(CreateUserRequest request);

    UserDto get(UUID id);

    List<UserDto> list();

    /** JSON Merge Patch; {@code password} may be set (write-only), {@code memberships} replaces all of them. */
    UserDto patch(UUID id, JsonObject mergePatch, Long expectedRevision);

    OrganizationDto createOrganization(String slug, String displayName);

    /** The organizations the caller is a member of (all of them for a registry administrator). */
    List<OrganizationDto> organizations();

    /** The artifact content an organization stores and its quota (members and registry administrators). */
    StorageUsageDto storage(String organization);

    /** Sets an organization's storage quota (0 = unlimited, null = the default); registry administrators only. */
    StorageUsageDto limitStorage(String organization, Long quotaBytes);
}
