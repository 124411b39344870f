package com.hivematrix.beacon.board;

import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The board as JSON: in full for staff, reduced to what the board shows for the public TV display. */
@RestController
@Tag(name = "Board")
public class BoardApiController {

    private final BoardService boards;

    public BoardApiController(BoardService boards) {
        this.boards = boards;
    }

    @GetMapping("/api/tickets/{view}")
    @PreAuthorize(BoardPageController.STAFF)
    @Operation(summary = "The board of a view (helpdesk, professional-services), optionally one agent's tickets")
    public ResponseEntity<Map<String, Object>> tickets(@PathVariable String view, @RequestParam(name = "agent_id", required = false) Long agentId) {
        return json(boards.board(View.require(view), agentId, false));
    }

    @GetMapping("/display/api/tickets/{view}")
    @Operation(summary = "The TV display's feed: public, only the fields the board shows")
    public ResponseEntity<Map<String, Object>> display(@PathVariable String view, @RequestParam(name = "agent_id", required = false) Long agentId) {
        return json(boards.board(View.require(view), agentId, true));
    }

    private static ResponseEntity<Map<String, Object>> json(Board board) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(board.toJson());
    }
}
