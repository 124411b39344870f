package com.hivematrix.brainhair.chat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.hivematrix.brainhair.tool.Args;
import com.hivematrix.brainhair.tool.ReadTool;
import com.hivematrix.brainhair.tool.Schema;
import com.hivematrix.brainhair.tool.ToolException;
import com.hivematrix.brainhair.tool.ToolOutput;
import com.hivematrix.brainhair.tool.Tools;

import tools.jackson.databind.node.JsonNodeFactory;

/** Tools about the chat itself. */
@Configuration
public class ChatTools {

    @Bean
    ReadTool setChatTitle(ChatRepository chats) {
        return Tools.read("set_chat_title", "Name this chat (3-100 characters). Call it once after your first answer.",
                Schema.object().string("title", "Short descriptive title", true), (ctx, args) -> {
                    String title = Args.text(args, "title");
                    if (title.length() < 3 || title.length() > 100) {
                        throw new ToolException("Argument 'title' must be 3 to 100 characters");
                    }
                    chats.setTitle(ctx.sessionId(), ctx.caller().username(), title);
                    return new ToolOutput(JsonNodeFactory.instance.objectNode().put("success", true).put("title", title), null);
                });
    }
}
