package com.hivematrix.codex.company;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.hivematrix.codex.web.Access;
import com.hivematrix.codex.web.Bodies;
import com.hivematrix.codex.web.Page;
import com.hivematrix.shared.problem.ProblemException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/** Company service APIs (spec §2.5), list search (§2.2) and mutations (§2.3). */
@RestController
@Tag(name = "Companies")
public class CompanyApiController {

    private static final Map<String, String> NOT_FOUND = Map.of("error", "Company not found");

    private final CompanyQueries queries;
    private final CompanyService service;
    private final LocationRepository locations;
    private final Bodies bodies;
    private final BulkExport bulk;

    public CompanyApiController(CompanyQueries queries, CompanyService service, LocationRepository locations, Bodies bodies,
            BulkExport bulk) {
        this.queries = queries;
        this.bulk = bulk;
        this.service = service;
        this.locations = locations;
        this.bodies = bodies;
    }

    @GetMapping("/api/companies")
    @Operation(summary = "All companies (company summary shape); `limit` is accepted and ignored, as in the original")
    public List<Map<String, Object>> all() {
        return queries.all();
    }

    @GetMapping("/api/companies/bulk")
    @Operation(summary = "Every company with its assets, contacts, locations and optionally tickets (Ledger); streamed from database cursors")
    public ResponseEntity<StreamingResponseBody> bulk(@RequestParam(name = "include_tickets", defaultValue = "false") String includeTickets,
            @RequestParam(required = false) Integer year) {
        boolean tickets = "true".equalsIgnoreCase(includeTickets);
        StreamingResponseBody body = out -> {
            try {
                bulk.write(tickets, year, out);
            } catch (java.sql.SQLException e) {
                // the status line is already sent: cutting the stream makes the client see an incomplete document
                throw new java.io.IOException("Bulk export failed: " + e.getMessage(), e);
            }
        };
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @GetMapping({"/api/companies/{acct}", "/api/company/{acct}"})
    public ResponseEntity<?> one(@PathVariable String acct) {
        return queries.summary(acct).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(CompanyApiController::notFound);
    }

    @GetMapping("/api/companies/{acct}/assets")
    public ResponseEntity<?> assets(@PathVariable String acct) {
        return queries.exists(acct) ? ResponseEntity.ok(queries.assets(acct)) : notFound();
    }

    @GetMapping({"/api/companies/{acct}/contacts", "/api/companies/{acct}/users"})
    public ResponseEntity<?> contacts(@PathVariable String acct) {
        return queries.exists(acct) ? ResponseEntity.ok(queries.contacts(acct)) : notFound();
    }

    @GetMapping("/api/companies/{acct}/locations")
    public ResponseEntity<?> locationList(@PathVariable String acct) {
        return queries.exists(acct) ? ResponseEntity.ok(queries.locations(acct)) : notFound();
    }

    @GetMapping("/api/companies/{acct}/tickets")
    public ResponseEntity<?> tickets(@PathVariable String acct, @RequestParam(required = false) Integer year) {
        if (!queries.exists(acct)) {
            return notFound();
        }
        List<Map<String, Object>> rows = queries.tickets(acct, year);
        rows.forEach(r -> {
            r.put("conversations", com.hivematrix.codex.web.Rows.listOrEmpty(r.get("conversations")));
            r.put("notes", com.hivematrix.codex.web.Rows.listOrEmpty(r.get("notes")));
        });
        return ResponseEntity.ok(rows);
    }

    @GetMapping("/companies/api/search")
    @PreAuthorize(Access.USERS_ONLY)
    public Map<String, Object> search(@RequestParam(required = false) String search,
            @RequestParam(name = "sort_by", required = false) String sortBy, @RequestParam(required = false) String order,
            @RequestParam(required = false) Integer page, @RequestParam(name = "per_page", required = false) Integer perPage) {
        return queries.search(search, sortBy, order, Page.of(page, perPage));
    }

    @GetMapping("/companies/{acct}/locations")
    public Map<String, Object> locations(@PathVariable String acct) {
        service.require(acct);
        return Map.of("success", true, "locations", queries.locations(acct));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NewLocation(@NotBlank @Size(max = 150) String name, @NotBlank @Size(max = 255) String address,
            @Size(max = 50) String phone_number) {
    }

    @PostMapping("/companies/{acct}/locations")
    @PreAuthorize(Access.TECH_USER)
    @Transactional
    public Map<String, Object> addLocation(@PathVariable String acct, @RequestBody(required = false) JsonNode body) {
        service.require(acct);
        NewLocation n = bodies.read(body, NewLocation.class, "Name and address are required");
        Location l = new Location();
        l.setCompanyAccountNumber(acct);
        l.setName(n.name().trim());
        l.setAddress(n.address().trim());
        l.setPhoneNumber(Bodies.blankToNull(n.phone_number()));
        locations.save(l);
        Map<String, Object> loc = new LinkedHashMap<>();
        loc.put("id", l.getId());
        loc.put("name", l.getName());
        loc.put("address", l.getAddress());
        loc.put("phone_number", l.getPhoneNumber());
        return Map.of("success", true, "location", loc);
    }

    @DeleteMapping("/companies/{acct}/locations/{id}")
    @PreAuthorize(Access.TECH_USER)
    @Transactional
    public Map<String, Object> deleteLocation(@PathVariable String acct, @PathVariable long id) {
        Location l = locations.findByIdAndCompanyAccountNumber(id, acct)
                .orElseThrow(() -> ProblemException.notFound("Location " + id + " not found for company " + acct));
        locations.delete(l);
        return Map.of("success", true);
    }

    @PutMapping("/companies/{acct}/update")
    @PreAuthorize(Access.TECH_USER)
    public Map<String, Object> update(@PathVariable String acct, @RequestBody(required = false) JsonNode body) {
        CompanyUpdate u = bodies.read(body, CompanyUpdate.class, null);
        service.update(acct, body, u);
        return Map.of("success", true, "message", "Company updated successfully");
    }

    static ResponseEntity<?> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(NOT_FOUND);
    }
}
