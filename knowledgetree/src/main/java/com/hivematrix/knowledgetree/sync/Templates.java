package com.hivematrix.knowledgetree.sync;

import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;

/**
 * The original's markdown templates (B9) for synced articles: company overview, contact, asset,
 * ticket. Codex values are untrusted text: markdown punctuation is escaped so a value cannot add
 * links or structure (the renderer's sanitiser is the second line), and HTML message bodies are
 * reduced to their text.
 */
final class Templates {

    static final String FOOTER = "*Synced from Codex*";

    private Templates() {
    }

    static String company(Map<String, Object> c) {
        StringBuilder md = new StringBuilder("# ").append(esc(c.get("name"))).append("\n\n");
        item(md, "Account number", c.get("account_number"));
        item(md, "Description", c.get("description"));
        item(md, "Billing plan", c.get("billing_plan"));
        item(md, "Support level", c.get("support_level"));
        item(md, "Main number", c.get("company_main_number"));
        item(md, "Domains", c.get("domains"));
        item(md, "Email system", c.get("email_system"));
        item(md, "Phone system", c.get("phone_system"));
        item(md, "Contract", join(c.get("contract_start_date"), c.get("contract_end_date")));
        return md.append('\n').append(FOOTER).append('\n').toString();
    }

    static String contact(Map<String, Object> c) {
        StringBuilder md = new StringBuilder("# ").append(esc(c.get("name"))).append("\n\n");
        item(md, "Email", c.get("email"));
        item(md, "Title", c.get("title"));
        item(md, "Mobile", c.get("mobile_phone_number"));
        item(md, "Work phone", c.get("work_phone_number"));
        item(md, "Active", yesNo(c.get("active")));
        return md.append('\n').append(FOOTER).append('\n').toString();
    }

    static String asset(Map<String, Object> a) {
        StringBuilder md = new StringBuilder("# ").append(esc(a.get("hostname"))).append("\n\n");
        item(md, "Operating system", a.get("operating_system"));
        item(md, "Hardware type", a.get("hardware_type"));
        item(md, "Device type", a.get("device_type"));
        item(md, "Internal IP", a.get("int_ip_address"));
        item(md, "External IP", a.get("ext_ip_address"));
        item(md, "Last user", a.get("last_logged_in_user"));
        item(md, "Status", Boolean.TRUE.equals(a.get("online")) ? "Online" : "Offline");
        item(md, "Last seen", a.get("last_seen"));
        item(md, "Domain", a.get("domain"));
        return md.append('\n').append(FOOTER).append('\n').toString();
    }

    @SuppressWarnings("unchecked")
    static String ticket(Map<String, Object> t) {
        Object number = t.get("ticket_number") != null ? t.get("ticket_number") : t.get("ticket_id");
        StringBuilder md = new StringBuilder("# Ticket #").append(esc(number)).append(": ").append(esc(t.get("subject"))).append("\n\n");
        item(md, "Status", t.get("status"));
        item(md, "Priority", t.get("priority"));
        item(md, "Requester", join(t.get("requester_name"), t.get("requester_email")));
        item(md, "Created", t.get("created_at"));
        item(md, "Last updated", t.get("last_updated_at"));
        item(md, "Closed", t.get("closed_at"));
        // the original crashed on a missing value here (None with :.2f)
        double hours = t.get("total_hours_spent") instanceof Number n ? n.doubleValue() : 0;
        item(md, "Hours spent", String.format(java.util.Locale.ROOT, "%.2f", hours));
        md.append("\n## Description\n\n").append(block(t.get("description_text") != null ? t.get("description_text") : t.get("description")))
                .append("\n\n## Conversation History\n\n");
        List<Map<String, Object>> conversations = t.get("conversations") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
        if (conversations.isEmpty()) {
            md.append("No conversations.\n\n");
        }
        for (Map<String, Object> m : conversations) {
            md.append("### ").append(Boolean.TRUE.equals(m.get("incoming")) ? "\u2192 Incoming" : "\u2190 Outgoing").append("\n\n");
            item(md, "From", m.get("from_email"));
            item(md, "Date", m.get("created_at"));
            md.append('\n').append(block(m.get("body"))).append("\n\n");
        }
        List<Map<String, Object>> notes = t.get("notes") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
        if (!notes.isEmpty()) {
            md.append("## Internal Notes\n\n");
            for (Map<String, Object> n : notes) {
                md.append("### Note\n\n");
                item(md, "From", n.get("from_email"));
                item(md, "Date", n.get("created_at"));
                md.append('\n').append(block(n.get("body"))).append("\n\n");
            }
        }
        return md.append("---\n\n*Ticket data synced from Codex/PSA*\n").toString();
    }

    private static void item(StringBuilder md, String label, Object value) {
        String text = value == null ? "" : value.toString().strip();
        md.append("- **").append(label).append(":** ").append(text.isEmpty() ? "\u2014" : esc(text)).append('\n');
    }

    private static String yesNo(Object v) {
        return Boolean.TRUE.equals(v) ? "Yes" : Boolean.FALSE.equals(v) ? "No" : null;
    }

    private static String join(Object a, Object b) {
        String x = a == null ? "" : a.toString().strip();
        String y = b == null ? "" : b.toString().strip();
        return x.isEmpty() ? y : y.isEmpty() ? x : x + " \u2013 " + y;
    }

    /** A message body: HTML reduced to text, each line escaped. */
    private static String block(Object body) {
        if (body == null || body.toString().isBlank()) {
            return "*No content.*";
        }
        String text = body.toString();
        if (text.contains("<")) {
            text = Jsoup.parse(text).wholeText();
        }
        StringBuilder out = new StringBuilder();
        for (String line : text.strip().split("\\R")) {
            out.append(esc(line.strip())).append('\n');
        }
        return out.toString().strip();
    }

    /** Markdown punctuation escaped, one line. */
    static String esc(Object value) {
        String s = value == null ? "" : value.toString().replaceAll("[\\r\\n]+", " ");
        return s.replaceAll("([\\\\`*_\\[\\]{}()<>#+!|~>-])", "\\\\$1");
    }
}
