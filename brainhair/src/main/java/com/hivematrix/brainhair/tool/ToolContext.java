package com.hivematrix.brainhair.tool;

import com.hivematrix.brainhair.redact.CompanyDirectory;
import com.hivematrix.brainhair.web.Caller;
import com.hivematrix.shared.client.ServiceClient;

/** One tool call's world: the acting user, a service client carrying that user's JWT, the chat. */
public record ToolContext(Caller caller, ServiceClient services, String sessionId, CompanyDirectory directory) {
}
