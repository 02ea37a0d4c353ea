package org.modelregistry.api.problem;

import java.util.List;
import java.util.Map;

/** 409: the lifecycle does not allow this move from the current state; the problem lists the moves it allows. */
public class TransitionNotAllowedException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public TransitionNotAllowedException(String from, String to, List<String> allowed, String why) {
        super(
                409,
                "transition-not-allowed",
                "Transition not allowed",
                "Cannot move from " + from + " to " + to + ": " + why,
                List.of(new FieldError("to", why)),
                Map.of("state", from, "allowedTransitions", allowed));
    }
}
