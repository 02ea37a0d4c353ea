package org.modelregistry.interfaces.web.governance;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelService;
import org.modelregistry.api.governance.AliasDto;
import org.modelregistry.api.governance.AliasService;
import org.modelregistry.api.governance.ApprovalDto;
import org.modelregistry.api.governance.LifecycleService;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.interfaces.web.Messages;

/**
 * {@code aliases.xhtml?model=<id>}: where each alias of a model points now, each alias's history, and the question
 * auditors ask: which version did an alias (production) name on a given day or moment, and who approved it.
 *
 * <p>Times are UTC: {@code 2026-12-04} means the end of that day (what was in place when the day ended),
 * {@code 2026-12-04 14:30} that minute.
 */
@Named
@ViewScoped
public class AliasesPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int HISTORY = 50;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @EJB
    ModelService models;

    @EJB
    AliasService aliases;

    @EJB
    LifecycleService lifecycle;

    private String model;
    private UUID modelId;
    private String alias = "production";
    private String at;

    private transient ModelDto modelDto;
    private transient List<AliasDto> current;
    private transient Map<String, List<AliasDto>> histories;
    private transient AliasDto answer;
    private transient List<ApprovalDto> answerApprovals;
    private boolean asked;

    /** The page's view action: without a model it shows the chooser only; an unknown or unseen model is 404. */
    public void load() {
        if (model == null || model.isBlank()) {
            return;
        }
        try {
            modelId = UUID.fromString(model.trim());
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("model", model);
        }
        getModel();
        if (at != null && !at.isBlank()) {
            ask();
        }
    }

    /** "What was in production on ...": the version the alias named then, and the decisions on it. */
    public void ask() {
        asked = false;
        answer = null;
        answerApprovals = null;
        OffsetDateTime when = moment(at);
        if (when == null) {
            Messages.error("ask:at", "Enter a date (2026-12-04) or a date and time (2026-12-04 14:30), in UTC.");
            return;
        }
        if (alias == null || alias.isBlank()) {
            Messages.error("ask:alias", "Enter the alias to look up, such as production.");
            return;
        }
        asked = true;
        try {
            answer = aliases.get(modelId, alias.trim(), when);
            answerApprovals = lifecycle.approvals(modelId, answer.version());
        } catch (NotFoundException e) {
            answer = null; // it pointed nowhere then: the page says so
        }
    }

    /** The end of a day, or a minute, in UTC; null when the text is neither. */
    static OffsetDateTime moment(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().replace('T', ' ');
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t)
                        .plusDays(1)
                        .atStartOfDay()
                        .minusNanos(1000)
                        .atOffset(ZoneOffset.UTC);
            }
            return LocalDateTime.parse(t, MINUTE).plusSeconds(59).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public boolean isModelChosen() {
        return modelId != null;
    }

    public ModelDto getModel() {
        if (modelDto == null && modelId != null) {
            modelDto = models.get(modelId);
        }
        return modelDto;
    }

    public List<AliasDto> getCurrent() {
        if (current == null) {
            current = aliases.list(modelId);
        }
        return current;
    }

    /** Each current alias's moves, newest first (the last {@value #HISTORY}). */
    public Map<String, List<AliasDto>> getHistories() {
        if (histories == null) {
            histories = new LinkedHashMap<>();
            for (AliasDto a : getCurrent()) {
                histories.put(a.alias(), aliases.history(modelId, a.alias(), HISTORY));
            }
        }
        return histories;
    }

    public List<String> getAliasNames() {
        return List.copyOf(getHistories().keySet());
    }

    public List<AliasDto> historyOf(String name) {
        return getHistories().getOrDefault(name, List.of());
    }

    public AliasDto getAnswer() {
        return answer;
    }

    /** The decisions on the version the alias named, every review round (who approved it, and who did not). */
    public List<ApprovalDto> getAnswerApprovals() {
        return answerApprovals == null ? List.of() : answerApprovals;
    }

    public boolean isAsked() {
        return asked;
    }

    public String getModelParam() {
        return model;
    }

    public void setModelParam(String model) {
        this.model = model;
    }

    public String getAlias() {
        return alias;
    }

    public void setAlias(String alias) {
        this.alias = alias;
    }

    public String getAt() {
        return at;
    }

    public void setAt(String at) {
        this.at = at;
    }
}
