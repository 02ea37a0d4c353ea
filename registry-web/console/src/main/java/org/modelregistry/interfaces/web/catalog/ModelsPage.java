package org.modelregistry.interfaces.web.catalog;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.modelregistry.api.catalog.CatalogQuery;
import org.modelregistry.api.catalog.CatalogSort;
import org.modelregistry.api.catalog.ModelService;
import org.modelregistry.api.catalog.ModelSummaryDto;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.common.Page;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * {@code models.xhtml}: the model catalog. The table is lazy and keyset-paged through {@link ModelService#catalog}:
 * the view keeps the cursors of the pages before this one (to go back) and the page shown, never a row count or an
 * offset, so the tenth page costs what the first does. Filters run when applied (so a bad one is named beside its
 * field); the column headers sort.
 */
@Named
@ViewScoped
public class ModelsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int PAGE_SIZE = 20;

    @EJB
    ModelService models;

    private String text;
    private RiskTier riskTier;
    private String tag;
    private String owner;
    private VersionState latestState;

    private final Rows rows = new Rows();

    /** Applies the filters: back to the first page, fetched now so that a refused filter shows beside its field. */
    public void apply() {
        rows.restart(new CatalogQuery(
                CatalogViews.blankToNull(text),
                riskTier,
                CatalogViews.blankToNull(tag),
                CatalogViews.blankToNull(owner),
                latestState,
                null,
                false,
                null,
                null));
    }

    public void clear() {
        text = null;
        riskTier = null;
        tag = null;
        owner = null;
        latestState = null;
        apply();
    }

    public void next() {
        rows.next();
    }

    public void previous() {
        rows.previous();
    }

    public boolean isHasNext() {
        return rows.page != null && rows.page.nextCursor() != null;
    }

    public boolean isHasPrevious() {
        return !rows.before.isEmpty();
    }

    /** "Page 3": the position among the pages walked, which is all a keyset listing knows. */
    public int getPageNumber() {
        return rows.before.size() + 1;
    }

    public LazyDataModel<ModelSummaryDto> getRows() {
        return rows;
    }

    public String joined(List<String> values) {
        return CatalogViews.text(values);
    }

    public RiskTier[] getRiskTiers() {
        return RiskTier.values();
    }

    public VersionState[] getStates() {
        return VersionState.values();
    }

    /**
     * The table's rows: the page at {@code cursor} in the order the column headers chose. PrimeFaces asks for a
     * count before each load; a keyset listing has none, so the count is the page size until the page is loaded and
     * then the rows it holds (the table shows its empty message when there are none).
     */
    private final class Rows extends LazyDataModel<ModelSummaryDto> {

        private static final long serialVersionUID = 1L;

        private CatalogQuery filters = new CatalogQuery(null, null, null, null, null, null, false, null, null);
        private CatalogSort sort = CatalogSort.NAME;
        private boolean descending;
        /** The cursors of the pages before this one, oldest first (the first page's is null). */
        private final ArrayList<String> before = new ArrayList<>();

        private String cursor;
        private Page<ModelSummaryDto> page;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return page == null ? PAGE_SIZE : page.items().size();
        }

        @Override
        public List<ModelSummaryDto> load(
                int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            SortMeta chosen = sortBy.values().stream()
                    .filter(s -> s.getOrder() != SortOrder.UNSORTED)
                    .findFirst()
                    .orElse(null);
            CatalogSort newSort = chosen == null ? CatalogSort.NAME : sortOf(chosen.getField());
            boolean newDescending = chosen != null && chosen.getOrder() == SortOrder.DESCENDING;
            if (newSort != sort || newDescending != descending) {
                sort = newSort;
                descending = newDescending;
                before.clear();
                cursor = null;
                page = null;
            }
            if (page == null) {
                fetch();
            }
            setRowCount(page.items().size());
            return page.items();
        }

        @Override
        public String getRowKey(ModelSummaryDto row) {
            return row.id().toString();
        }

        @Override
        public ModelSummaryDto getRowData(String rowKey) {
            return page == null
                    ? null
                    : page.items().stream()
                            .filter(r -> r.id().toString().equals(rowKey))
                            .findFirst()
                            .orElse(null);
        }

        // each move fetches its page first and only then moves: a refused query leaves the table as it was

        void restart(CatalogQuery newFilters) {
            Page<ModelSummaryDto> first = fetch(newFilters, null);
            filters = newFilters;
            before.clear();
            cursor = null;
            page = first;
        }

        void next() {
            if (page != null && page.nextCursor() != null) {
                Page<ModelSummaryDto> next = fetch(filters, page.nextCursor());
                before.add(cursor);
                cursor = page.nextCursor();
                page = next;
            }
        }

        void previous() {
            if (!before.isEmpty()) {
                String back = before.get(before.size() - 1);
                page = fetch(filters, back);
                before.remove(before.size() - 1);
                cursor = back;
            }
        }

        private void fetch() {
            page = fetch(filters, cursor);
        }

        private Page<ModelSummaryDto> fetch(CatalogQuery with, String at) {
            return models.catalog(new CatalogQuery(
                    with.text(),
                    with.riskTier(),
                    with.tag(),
                    with.owner(),
                    with.latestState(),
                    sort,
                    descending,
                    PAGE_SIZE,
                    at));
        }

        private CatalogSort sortOf(String field) {
            return switch (Objects.requireNonNullElse(field, "name")) {
                case "group" -> CatalogSort.GROUP;
                case "riskTier" -> CatalogSort.RISK_TIER;
                case "updatedAt" -> CatalogSort.UPDATED;
                default -> CatalogSort.NAME;
            };
        }
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public RiskTier getRiskTier() {
        return riskTier;
    }

    public void setRiskTier(RiskTier riskTier) {
        this.riskTier = riskTier;
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public VersionState getLatestState() {
        return latestState;
    }

    public void setLatestState(VersionState latestState) {
        this.latestState = latestState;
    }
}
