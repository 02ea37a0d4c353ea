package org.modelregistry.interfaces.web;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.identity.User;
import org.modelregistry.domain.identity.UserRepository;

/**
 * Hears every domain event on the registry.events topic (server.xml's jmsActivationSpec
 * {@code registry/registry-console/ConsoleEventsConsumer}, a non-durable subscription of this server: each server
 * tells the pages open on it) and pushes a small note of it (type, model id, version: nothing a payload's details
 * hold) to the pages of the people here who may see the model's organization: members of it and registry
 * administrators, read from the identity tables now, so another tenant never hears of it. A page that shows the
 * object refreshes itself (console.js).
 */
@MessageDriven(name = "ConsoleEventsConsumer")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ConsoleEventsConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(ConsoleEventsConsumer.class.getName());

    @Inject
    LiveAudience audience;

    @Inject
    ModelRepository models;

    @Inject
    UserRepository users;

    @Override
    public void onMessage(Message message) {
        if (audience.listeners().isEmpty()) {
            return;
        }
        JsonObject event = read(message);
        if (event == null || !(event.get("model") instanceof JsonObject model) || !model.containsKey("id")) {
            return; // not about a model: no page shows it live
        }
        UUID modelId = UUID.fromString(model.getString("id"));
        UUID organization =
                models.findModel(modelId).map(Model::getOrganizationId).orElse(null);
        if (organization == null) {
            return;
        }
        List<String> told = audience.listeners().stream()
                .filter(name -> mayHear(name, organization))
                .toList();
        Map<String, String> note = new LinkedHashMap<>();
        note.put("type", event.getString("type", ""));
        note.put("model", modelId.toString());
        note.put("version", event.getString("version", ""));
        audience.tell(note, told);
    }

    /** An active user who is a member of the organization, or a registry administrator. */
    private boolean mayHear(String username, UUID organization) {
        return users.findByUsername(username)
                .filter(User::isActive)
                .map(u -> u.isRegistryAdmin()
                        || users.memberships(u).stream().anyMatch(m -> organization.equals(m.getOrganizationId())))
                .orElse(false);
    }

    private static JsonObject read(Message message) {
        try (JsonReader reader = Json.createReader(new StringReader(((TextMessage) message).getText()))) {
            return reader.readObject();
        } catch (JMSException | JsonException | ClassCastException | IllegalArgumentException e) {
            // a live note is a courtesy: an unreadable event is skipped, never redelivered to the pages
            LOG.log(Level.FINE, "skipped an unreadable event", e);
            return null;
        }
    }
}
