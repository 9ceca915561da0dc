package org.safercities.platform;

import java.util.Arrays;

/**
 * An expected failure: an HTTP status and a message key (with arguments) that the kit turns into a page or
 * JSON in the user's language, in one place (see {@code web.ErrorPages}). Anything else is a 500 with a
 * request id.
 */
public class Problem extends RuntimeException {

    private final int status;
    private final String messageKey;
    private final transient Object[] args;

    public Problem(int status, String messageKey, Object... args) {
        super(messageKey + Arrays.toString(args), null, false, false);
        this.status = status;
        this.messageKey = messageKey;
        this.args = args;
    }

    public int status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }

    public static Problem notFound() {
        return new Problem(404, "platform.error.notFound");
    }

    public static Problem forbidden() {
        return new Problem(403, "platform.error.forbidden");
    }

    public static Problem badRequest(String key, Object... args) {
        return new Problem(400, key, args);
    }

    public static Problem invalid(String key, Object... args) {
        return new Problem(422, key, args);
    }

    public static Problem conflict(String key, Object... args) {
        return new Problem(409, key, args);
    }
}
