package org.modelregistry.interfaces.mlflow;

/**
 * An error in MLflow's terms: its {@code error_code} and the HTTP status MLflow answers it with. Thrown by the adapter
 * for what only MLflow's API can get wrong (an unknown stage, a malformed filter, a tampered page token); the
 * registry's own errors are translated by {@link MlflowErrors}.
 */
public class MlflowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String INVALID_PARAMETER_VALUE = "INVALID_PARAMETER_VALUE";
    public static final String RESOURCE_DOES_NOT_EXIST = "RESOURCE_DOES_NOT_EXIST";
    public static final String RESOURCE_ALREADY_EXISTS = "RESOURCE_ALREADY_EXISTS";
    public static final String PERMISSION_DENIED = "PERMISSION_DENIED";
    public static final String INVALID_STATE = "INVALID_STATE";
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";

    private final String errorCode;
    private final int status;

    public MlflowException(String errorCode, int status, String message) {
        super(message);
        this.errorCode = errorCode;
        this.status = status;
    }

    public static MlflowException invalid(String message) {
        return new MlflowException(INVALID_PARAMETER_VALUE, 400, message);
    }

    public static MlflowException notFound(String message) {
        return new MlflowException(RESOURCE_DOES_NOT_EXIST, 404, message);
    }

    public String errorCode() {
        return errorCode;
    }

    public int status() {
        return status;
    }
}
