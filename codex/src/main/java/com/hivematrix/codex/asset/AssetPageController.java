package com.hivematrix.codex.asset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import com.hivematrix.codex.web.Access;
import com.hivematrix.codex.web.CodexPage;
import com.hivematrix.codex.web.Links;
import com.hivematrix.codex.web.Page;
import com.hivematrix.codex.web.Rows;
import com.hivematrix.codex.web.Viewer;
import com.hivematrix.shared.problem.ProblemException;

/** Assets list and detail; secret UDFs (BitLocker / Windows keys) only for admins, and their display is audit-logged. */
@Controller
@CodexPage
public class AssetPageController {

    private static final Logger AUDIT = LoggerFactory.getLogger("audit");

    static final Map<Integer, String> UDF_LABELS = Map.of(1, "Entra ID Tenant", 2, "BitLocker Key", 3, "Disk Information",
            4, "Enabled Administrators", 5, "Windows 11", 6, "Backup Usage (TB)", 7, "Device Type", 9, "Windows Key");
    /** UDFs holding secrets (spec §13 bug 22). */
    public static final Set<Integer> SECRET_UDFS = Set.of(2, 9);

    private final AssetApiController api;
    private final JdbcClient jdbc;

    public AssetPageController(AssetApiController api, JdbcClient jdbc) {
        this.api = api;
        this.jdbc = jdbc;
    }

    @GetMapping("/assets/")
    @PreAuthorize(Access.USERS_ONLY)
    public String list(@RequestParam(required = false) String search, @RequestParam(name = "sort_by", required = false) String sortBy,
            @RequestParam(required = false) String order, @RequestParam(required = false) Integer page,
            @RequestParam(name = "per_page", required = false) Integer perPage, HttpServletRequest request, Model model) {
        String sort = sortBy == null || sortBy.isBlank() ? "hostname" : sortBy;
        Map<String, Object> result = api.search(search, sort, order, page, perPage);
        @SuppressWarnings("unchecked")
        Map<String, Object> pagination = (Map<String, Object>) result.get("pagination");
        model.addAttribute("assets", result.get("assets"));
        model.addAttribute("pagination", pagination);
        model.addAttribute("search", search == null ? "" : search);
        model.addAttribute("perPage", Page.of(page, perPage).perPage());
        model.addAttribute("links", new Links(request, sort, order, pagination));
        return "asset/list";
    }

    @GetMapping("/assets/{id:\\d+}")
    @PreAuthorize(Access.USERS_ONLY)
    public String detail(@PathVariable long id, Authentication auth, Model model) {
        Map<String, Object> asset = jdbc.sql("""
                SELECT a.*, c.name AS company_name FROM assets a JOIN companies c ON c.account_number = a.company_account_number
                WHERE a.id = ?""").param(id).query(Rows.MAP).optional()
                .orElseThrow(() -> ProblemException.notFound("Asset " + id + " not found"));
        Viewer viewer = Viewer.of(auth);
        List<Map<String, Object>> udfs = new ArrayList<>();
        List<Integer> hidden = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            Object v = asset.remove("udf" + i);
            if (v == null || v.toString().isBlank()) {
                continue;
            }
            if (SECRET_UDFS.contains(i) && !viewer.admin()) {
                hidden.add(i);
                continue;
            }
            Map<String, Object> udf = new LinkedHashMap<>();
            udf.put("label", UDF_LABELS.getOrDefault(i, "UDF" + i));
            udf.put("value", v);
            udf.put("secret", SECRET_UDFS.contains(i));
            udfs.add(udf);
        }
        if (viewer.admin() && udfs.stream().anyMatch(u -> Boolean.TRUE.equals(u.get("secret")))) {
            AUDIT.info("secret UDFs of asset {} ({}) shown to {}", id, asset.get("hostname"), viewer.username());
        }
        model.addAttribute("asset", asset);
        model.addAttribute("udfs", udfs);
        model.addAttribute("hiddenSecrets", hidden.size());
        model.addAttribute("contacts", jdbc.sql("""
                SELECT ct.id, ct.name, ct.email FROM contacts ct JOIN asset_contact_link l ON l.contact_id = ct.id
                WHERE l.asset_id = ? ORDER BY lower(ct.name)""").param(id).query(Rows.MAP).list());
        return "asset/detail";
    }
}
