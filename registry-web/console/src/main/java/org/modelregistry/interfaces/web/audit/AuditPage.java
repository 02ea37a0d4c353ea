package org.modelregistry.interfaces.web.audit;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.modelregistry.api.audit.AuditCheckpointDto;
import org.modelregistry.api.audit.AuditRecordDto;
import org.modelregistry.api.audit.AuditService;
import org.modelregistry.api.audit.AuditVerification;
import org.modelregistry.api.common.Page;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.interfaces.web.Messages;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * {@code audit.xhtml}: the audit log newest first, filtered by actor, action, object, text and time, paged through the
 * service's keyset cursors (the view keeps one cursor per page it has shown, never the records); the chain's
 * verification over a range; the signed checkpoints. The service decides what the caller reads: an auditor sees
 * their organizations' records, a registry administrator all of them.
 */
@Named
@ViewScoped
public class AuditPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN_CHECKPOINTS = 10;
    private static final int SUMMARY = 160;

    @EJB
    AuditService audit;

    private String actor;
    private String action;
    private String objectId;
    private String text;
    private String from;
    private String to;
    private Filter filter = new Filter(null, null, null, null, null, null);
    private final Records records = new Records();

    private String verifyFrom;
    private String verifyTo;
    private String organization;
    private AuditVerification verification;
    private List<Checkpoint> checkpoints = List.of();

    /** The filters as the service takes them, fixed when the person applies them. */
    record Filter(String actor, String action, UUID objectId, String text, OffsetDateTime from, OffsetDateTime to)
            implements Serializable {}

    /** One row as the table shows it: the details cut to a summary, so the view stays small. */
    public record Row(
            UUID id,
            Long seq,
            OffsetDateTime occurredAt,
            String actor,
            String action,
            String objectType,
            UUID objectId,
            String outcome,
            String summary)
            implements Serializable {

        static Row of(AuditRecordDto r) {
            String details = r.details() == null ? "" : r.details().toString();
            return new Row(
                    r.id(),
                    r.seq(),
                    r.occurredAt(),
                    r.actor(),
                    r.action(),
                    r.objectType(),
                    r.objectId(),
                    r.outcome(),
                    details.length() > SUMMARY ? details.substring(0, SUMMARY) + "…" : details);
        }
    }

    /** A checkpoint without its JWS (the API serves those for export). */
    public record Checkpoint(long seq, String hash, long records, OffsetDateTime createdAt) implements Serializable {}

    /**
     * Keyset paging behind PrimeFaces' paginator: page {@code n} is fetched with the cursor page {@code n - 1}
     * returned, so only the previous and next links are offered. The row count is what has been seen so far, plus
     * one while there is more (which offers the next page).
     */
    public class Records extends LazyDataModel<Row> {

        private static final long serialVersionUID = 1L;
        private final List<String> cursors = new ArrayList<>(List.of(""));
        private boolean loaded;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            // before the first page: one page's worth, so the table asks for it; then what the last load saw
            return loaded ? getRowCount() : Math.max(1, getPageSize());
        }

        @Override
        public List<Row> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            int page = Math.min(first / Math.max(1, pageSize), cursors.size() - 1);
            String cursor = cursors.get(page);
            Page<AuditRecordDto> found = audit.search(
                    filter.actor(),
                    filter.action(),
                    filter.objectId(),
                    filter.text(),
                    filter.from(),
                    filter.to(),
                    pageSize,
                    cursor.isEmpty() ? null : cursor);
            while (cursors.size() > page + 1) {
                cursors.remove(cursors.size() - 1);
            }
            boolean more = found.nextCursor() != null;
            if (more) {
                cursors.add(found.nextCursor());
            }
            setRowCount(page * pageSize + found.items().size() + (more ? 1 : 0));
            loaded = true;
            return found.items().stream().map(Row::of).toList();
        }

        @Override
        public String getRowKey(Row row) {
            return row.id().toString();
        }

        void restart() {
            cursors.clear();
            cursors.add("");
            loaded = false;
        }
    }

    /** The viewAction after the role check. */
    public void load() {
        checkpoints = audit.checkpoints().stream()
                .limit(SHOWN_CHECKPOINTS)
                .map(c -> new Checkpoint(c.seq(), c.hash(), c.records(), c.createdAt()))
                .toList();
    }

    /** Applies the filters from the first page. */
    public void search() {
        UUID object = null;
        if (objectId != null && !objectId.isBlank()) {
            try {
                object = UUID.fromString(objectId.trim());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("objectId", "is not an id");
            }
        }
        filter = new Filter(
                blankToNull(actor), blankToNull(action), object, blankToNull(text), time("from", from), time("to", to));
        records.restart();
        if (FacesContext.getCurrentInstance().getViewRoot().findComponent(":records:log") instanceof DataTable log) {
            log.setFirst(0);
        }
    }

    /** Recomputes the chain over the range; without an organization the whole registry's (administrators). */
    public void verify() {
        verification = null;
        verification =
                audit.verify(time("verifyFrom", verifyFrom), time("verifyTo", verifyTo), blankToNull(organization));
        if (verification.intact()) {
            Messages.info("The audit chain is intact over " + verification.chained() + " records.");
        } else {
            Messages.error("The audit chain is broken: see the verification below.");
        }
    }

    /** Signs the chain's head now (registry administrators; the service refuses anyone else). */
    public void checkpoint() {
        AuditCheckpointDto made = audit.checkpoint();
        Messages.info(
                made == null
                        ? "Nothing to sign: the chain is empty."
                        : "Checkpoint signed at record " + made.seq() + ".");
        load();
    }

    /** RFC 3339, a local date-time (UTC) or a date (its start, UTC); the message names the field it is beside. */
    static OffsetDateTime time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            // not with an offset: try the shorter forms
        }
        try {
            return LocalDateTime.parse(v).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // nor a local date-time
        }
        try {
            return LocalDate.parse(v).atStartOfDay().atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a time such as 2026-12-04T10:00:00Z, or a date 2026-12-04");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public Records getRecords() {
        return records;
    }

    public AuditVerification getVerification() {
        return verification;
    }

    public List<Checkpoint> getCheckpoints() {
        return checkpoints;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getObjectId() {
        return objectId;
    }

    public void setObjectId(String objectId) {
        this.objectId = objectId;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getVerifyFrom() {
        return verifyFrom;
    }

    public void setVerifyFrom(String verifyFrom) {
        this.verifyFrom = verifyFrom;
    }

    public String getVerifyTo() {
        return verifyTo;
    }

    public void setVerifyTo(String verifyTo) {
        this.verifyTo = verifyTo;
    }

    public String getOrganization() {
        return organization;
    }

    public void setOrganization(String organization) {
        this.organization = organization;
    }
}
