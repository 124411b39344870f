package com.hivematrix.beacon.board;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import com.hivematrix.beacon.BeaconProperties;
import com.hivematrix.shared.problem.ProblemException;
import com.hivematrix.shared.version.VersionInfo;

/**
 * The dashboard (technicians and admins) and the TV display (public). Both render the board on
 * the server, then board.js refreshes it in place from the JSON feed. Redirects are
 * context-relative, so behind Nexus they stay under /beacon (X-Forwarded-Prefix).
 */
@Controller
public class BoardPageController {

    public static final String STAFF = "hasAnyRole('ADMIN','TECHNICIAN')";

    private final BoardService boards;
    private final CodexFeed feed;
    private final BeaconProperties props;
    private final VersionInfo version;

    public BoardPageController(BoardService boards, CodexFeed feed, BeaconProperties props, VersionInfo version) {
        this.boards = boards;
        this.feed = feed;
        this.props = props;
        this.version = version;
    }

    /**
     * Codex's sync progress stream as the browser reaches it through Nexus ({@code /<service>/...}):
     * the page follows it directly, with the user's own session, instead of polling through Beacon.
     */
    static final String CODEX_SYNC_STREAM = "/codex/sync/status/";

    @GetMapping("/")
    @PreAuthorize(STAFF)
    public String home() {
        return "redirect:/helpdesk";
    }

    @GetMapping("/{view}")
    @PreAuthorize(STAFF)
    public String dashboard(@PathVariable String view, @RequestParam(name = "agent_id", required = false) Long agentId, Model model) {
        View v = page(view);
        fill(model, v, agentId, false);
        model.addAttribute("agents", feed.agents());
        model.addAttribute("syncStreamUrl", CODEX_SYNC_STREAM);
        model.addAttribute("title", "Beacon - " + v.displayName());
        return "board/board";
    }

    @GetMapping("/display")
    public String display() {
        return "redirect:/display/helpdesk";
    }

    @GetMapping("/display/{view}")
    public String tv(@PathVariable String view, @RequestParam(name = "agent_id", required = false) Long agentId, Model model) {
        View v = page(view);
        fill(model, v, agentId, true);
        model.addAttribute("title", v.displayName() + " (TV Display)");
        return "board/board";
    }

    private void fill(Model model, View v, Long agentId, boolean display) {
        model.addAttribute("board", boards.board(v, agentId, display));
        model.addAttribute("view", v);
        model.addAttribute("views", View.values());
        model.addAttribute("agentId", agentId);
        model.addAttribute("display", display);
        model.addAttribute("refreshSeconds", props.getAutoRefresh().toSeconds());
        model.addAttribute("version", version.version());
    }

    private static View page(String slug) {
        return View.find(slug).orElseThrow(() -> ProblemException.notFound("Unsupported view: " + slug));
    }
}
