package org.modelregistry.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.faces.event.WebsocketEvent;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The people listening for live updates on this server: each page's {@code <f:websocket channel="registryEvents"
 * user="#{consoleUser.name}">} opens a socket for its signed-in person, and this bean counts them (Faces tells it when a
 * socket opens and closes), so that an event is pushed only to people who are here and may see it, each to all of
 * their pages.
 */
@ApplicationScoped
public class LiveAudience {

    /** The channel of every console page's socket. */
    public static final String CHANNEL = "registryEvents";

    @Inject
    @Push(channel = CHANNEL)
    PushContext channel;

    private final Map<String, Integer> sockets = new ConcurrentHashMap<>();

    void opened(@Observes @WebsocketEvent.Opened WebsocketEvent socket) {
        if (CHANNEL.equals(socket.getChannel()) && socket.getUser() instanceof String user) {
            sockets.merge(user, 1, Integer::sum);
        }
    }

    void closed(@Observes @WebsocketEvent.Closed WebsocketEvent socket) {
        if (CHANNEL.equals(socket.getChannel()) && socket.getUser() instanceof String user) {
            sockets.computeIfPresent(user, (name, open) -> open > 1 ? open - 1 : null);
        }
    }

    /** The user names with at least one open page. */
    public Set<String> listeners() {
        return Set.copyOf(sockets.keySet());
    }

    /** Pushes the message (sent as JSON) to every open page of these users. */
    public void tell(Map<String, String> message, Collection<String> users) {
        if (!users.isEmpty()) {
            channel.send(message, users);
        }
    }
}
