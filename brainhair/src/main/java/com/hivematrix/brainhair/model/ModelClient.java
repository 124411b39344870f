package com.hivematrix.brainhair.model;

/** One streamed model call with native tool definitions. */
public interface ModelClient {

    Conversation.Reply stream(ModelConnection connection, Conversation.Request request, StreamSink sink);
}
