package com.hivematrix.brainhair.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.hivematrix.brainhair.settings.ModelSettingsStore;
import com.hivematrix.brainhair.tool.ReadTool;
import com.hivematrix.brainhair.tool.ToolRegistry;
import com.hivematrix.shared.version.VersionInfo;

/** Landing, chat, history and (admin) settings pages; the data comes from the JSON API. */
@Controller
@PreAuthorize(Access.CHAT)
public class PageController {

    private final ModelSettingsStore settings;
    private final ToolRegistry tools;
    private final VersionInfo version;
    private final Icons icons;

    public PageController(ModelSettingsStore settings, ToolRegistry tools, VersionInfo version, Icons icons) {
        this.icons = icons;
        this.settings = settings;
        this.tools = tools;
        this.version = version;
    }

    @GetMapping("/")
    public String landing(Model model, Authentication auth) {
        common(model, auth);
        return "landing";
    }

    @GetMapping("/chat")
    public String chat(@RequestParam(required = false) String session, Model model, Authentication auth) {
        common(model, auth);
        model.addAttribute("resumeSession", session != null && session.matches("[0-9a-f-]{36}") ? session : null);
        model.addAttribute("readTools", tools.all().stream().filter(ReadTool.class::isInstance).toList());
        return "chat";
    }

    @GetMapping("/history")
    public String history(Model model, Authentication auth) {
        common(model, auth);
        return "history";
    }

    @GetMapping("/settings")
    @PreAuthorize(Access.ADMIN)
    public String settingsPage(Model model, Authentication auth) {
        common(model, auth);
        return "settings";
    }

    private void common(Model model, Authentication auth) {
        Caller caller = Caller.of(auth);
        model.addAttribute("caller", caller);
        model.addAttribute("admin", caller.level() == com.hivematrix.shared.security.PermissionLevel.ADMIN);
        model.addAttribute("modelView", settings.view().orElse(null));
        model.addAttribute("version", version.version());
        model.addAttribute("icons", icons);
    }
}
