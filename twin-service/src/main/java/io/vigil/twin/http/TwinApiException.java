package io.vigil.twin.http;

/**
 * A request the twin-service refuses, with the HTTP status and the IoT Hub error code a client of IoT Hub's service
 * API already handles ({@code DeviceNotFound}, {@code PreconditionFailed}, {@code ArgumentInvalid}, ...).
 */
public class TwinApiException extends RuntimeException {

    private final int status;
    private final String code;

    public TwinApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static TwinApiException invalid(String message) {
        return new TwinApiException(400, "ArgumentInvalid", message);
    }

    public static TwinApiException notFound(String deviceId, String moduleId) {
        return moduleId.isEmpty()
                ? new TwinApiException(404, "DeviceNotFound", "no device " + deviceId)
                : new TwinApiException(404, "ModuleNotFound", "no module " + moduleId + " on device " + deviceId);
    }

    public static TwinApiException preconditionFailed(String message) {
        return new TwinApiException(412, "PreconditionFailed", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
