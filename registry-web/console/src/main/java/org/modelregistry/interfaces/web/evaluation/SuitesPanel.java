package org.modelregistry.interfaces.web.evaluation;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.modelregistry.api.evaluation.CreateSuiteRequest;
import org.modelregistry.api.evaluation.EvaluationService;
import org.modelregistry.api.evaluation.EvaluationSuiteDto;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.interfaces.web.Messages;

/**
 * Evaluation suites in {@code admin.xhtml}: the list and a new suite, its checks written as the API takes them (a
 * JSON array); the domain validates each check and names the one at fault ({@code checks[i].field}).
 */
@Named
@RequestScoped
public class SuitesPanel {

    @EJB
    EvaluationService evaluations;

    private List<EvaluationSuiteDto> list;
    private String name;
    private String description;
    private String checks = "[{\"name\": \"integrity\", \"kind\": \"INTEGRITY\"}]";

    public List<EvaluationSuiteDto> getList() {
        if (list == null) {
            list = evaluations.suites();
        }
        return list;
    }

    public void create() {
        JsonValue parsed;
        try (JsonReader reader = Json.createReader(new StringReader(checks == null ? "" : checks))) {
            parsed = reader.readValue();
        } catch (JsonException e) {
            throw new InvalidInputException("checks", "is not JSON: write an array of checks");
        }
        EvaluationSuiteDto created =
                evaluations.createSuite(new CreateSuiteRequest(name, description, List.of(), List.of(), parsed));
        Messages.info("Evaluation suite " + created.name() + " created (version " + created.version() + ").");
        name = null;
        description = null;
        list = null;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getChecks() {
        return checks;
    }

    public void setChecks(String checks) {
        this.checks = checks;
    }
}
