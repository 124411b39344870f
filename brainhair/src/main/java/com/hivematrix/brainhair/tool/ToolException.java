package com.hivematrix.brainhair.tool;

/** A tool call that failed in a way the model should hear about (bad arguments, upstream refusal). */
public class ToolException extends RuntimeException {

    public ToolException(String message) {
        super(message);
    }
}
