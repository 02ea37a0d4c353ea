package org.modelregistry.interfaces.rest.openapi;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.modelregistry.api.audit.AuditRecordDto;
import org.modelregistry.api.catalog.ArtifactDto;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.common.Page;

/**
 * The typed shapes of {@link Page} answers, for the document only: a {@code @Schema(implementation = Page.class)}
 * loses the element type, and generated clients would read every item as an untyped map. OpenApiDocumentIT checks
 * that real pages have no member these do not declare.
 */
public final class Pages {

    private Pages() {}

    /** A page of models. */
    @Schema(name = "ModelPage", description = "A page of models; none after the last page (no nextCursor)")
    public record ModelPage(List<ModelDto> items, String nextCursor) {}

    /** A page of versions. */
    @Schema(name = "VersionPage", description = "A page of versions; none after the last page (no nextCursor)")
    public record VersionPage(List<ModelVersionDto> items, String nextCursor) {}

    /** A page of artifacts. */
    @Schema(name = "ArtifactPage", description = "A page of artifacts; none after the last page (no nextCursor)")
    public record ArtifactPage(List<ArtifactDto> items, String nextCursor) {}

    /** A page of audit records. */
    @Schema(
            name = "AuditPage",
            description = "A page of audit records, newest first; none after the last page (no nextCursor)")
    public record AuditPage(List<AuditRecordDto> items, String nextCursor) {}
}
