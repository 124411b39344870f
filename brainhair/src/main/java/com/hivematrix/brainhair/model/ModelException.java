package com.hivematrix.brainhair.model;

/** A model call that did not produce an answer; the message is what the chat shows the user. */
public class ModelException extends RuntimeException {

    public enum Kind { RATE_LIMITED, TIMEOUT, UNAVAILABLE, REJECTED, BAD_RESPONSE, CANCELLED }

    private final Kind kind;

    public ModelException(Kind kind, String message) {
        this(kind, message, null);
    }

    public ModelException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
