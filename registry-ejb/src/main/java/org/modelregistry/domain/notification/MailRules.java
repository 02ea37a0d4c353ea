package org.modelregistry.domain.notification;

import jakarta.json.JsonObject;

/**
 * Which events are e-mailed, to whom, and what the mail says: reviewers hear of review requests; owners hear of
 * failed evaluations, failed deployments and moves blocked by policies.
 */
public final class MailRules {

    public enum Audience {
        REVIEWERS,
        OWNERS
    }

    /** A mail to send: to whom (a group of people), subject and text. */
    public record Mail(Audience audience, String subject, String body) {}

    private MailRules() {}

    /**
     * The mail an event makes, about {@code <group>/<name> <version>} and linking to the version (or the model) in
     * the API under {@code publicUrl}; null when the event is not mailed or concerns no model.
     */
    public static Mail mailFor(DomainEvent event, String publicUrl) {
        if (!event.aboutAModel()) {
            return null;
        }
        boolean version = event.version() != null;
        String subject = event.modelGroup() + "/" + event.modelName() + (version ? " " + event.version() : "");
        String link = publicUrl + "/api/v1/models/" + event.modelId() + (version ? "/versions/" + event.version() : "");
        return mailFor(event.action(), subject, event.detailsJson(), event.actor(), link);
    }

    /**
     * @param action  the audit action
     * @param subject what the event is about, e.g. {@code fraud/scorer 1.2.0}
     * @param details the audit record's details
     * @param link    where to look, e.g. the version's API URL
     * @return the mail, or null when this event is not mailed
     */
    public static Mail mailFor(String action, String subject, JsonObject details, String actor, String link) {
        switch (action) {
            case "version.transition":
                if ("IN_REVIEW".equals(details.getString("to", null))) {
                    return new Mail(
                            Audience.REVIEWERS,
                            "Review requested: " + subject,
                            actor + " asks for a review" + " of " + subject + ".\n\n" + link + "\n");
                }
                return null;
            case "evaluation.finished":
                String state = details.getString("state", "");
                if (state.equals("FAILED") || state.equals("ERROR")) {
                    return new Mail(
                            Audience.OWNERS,
                            "Evaluation " + state + ": " + subject,
                            "An evaluation run of "
                                    + subject + " ended " + state + " (run " + details.getString("run", "?") + ").\n\n"
                                    + link + "\n");
                }
                return null;
            case "deployment.failed":
                return new Mail(
                        Audience.OWNERS,
                        "Deployment failed: " + subject,
                        "The deployment of " + subject
                                + " failed: " + details.getString("message", "the target reported a failure") + "\n\n"
                                + link
                                + "\n");
            case "version.transition.blocked":
                return new Mail(
                        Audience.OWNERS,
                        "Blocked by policy: " + subject,
                        actor + " could not move " + subject + " to " + details.getString("to", "?")
                                + ": blocking policies failed.\n\n" + link + "\n");
            default:
                return null;
        }
    }
}
