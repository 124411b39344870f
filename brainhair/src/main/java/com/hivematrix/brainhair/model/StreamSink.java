package com.hivematrix.brainhair.model;

import java.io.Closeable;

/** Where a streaming model call delivers text as it arrives, and how the caller can cut it short. */
public interface StreamSink {

    void text(String delta);

    boolean cancelled();

    /** The open response body; closing it from another thread (the stop button) ends the read. */
    void streaming(Closeable body);
}
