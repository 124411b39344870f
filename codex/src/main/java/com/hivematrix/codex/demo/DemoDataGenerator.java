package com.hivematrix.codex.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.hivematrix.codex.io.Csv;
import com.hivematrix.codex.web.Rows;

/**
 * A realistic sample MSP, as the CSV/JSON files Codex's own imports accept. Scale 1 = 25 companies,
 * 400 contacts, 800 assets, 3,000 tickets over two years and 4 plans x 4 terms; {@code --scale N}
 * multiplies the entity counts (not the plans). Deterministic for a given seed and day.
 * <p>
 * {@code java -cp codex.jar -Dloader.main=com.hivematrix.codex.demo.DemoDataGenerator
 * org.springframework.boot.loader.launch.PropertiesLauncher --scale 80 --out /tmp/demo}
 */
public final class DemoDataGenerator {

    static final String[] PREFIX = {"Acme", "Blue Ridge", "Cedar", "Delta", "Evergreen", "Falcon", "Granite", "Harbor", "Ironwood", "Juniper",
        "Keystone", "Lakeside", "Maple", "Northstar", "Oakmont", "Pinecrest", "Quarry", "Riverbend", "Summit", "Timber", "Union",
        "Valley", "Willow", "Yellowstone", "Zenith"};
    static final String[] KIND = {"Dental", "Law Group", "Accounting", "Clinic", "Manufacturing", "Realty", "Logistics", "Veterinary",
        "Engineering", "Credit Union", "Architects", "Insurance", "Family Practice", "Construction", "Nonprofit"};
    static final String[] FIRST = {"Ann", "Ben", "Cara", "Dev", "Ella", "Finn", "Gia", "Hugo", "Ivy", "Jon", "Kai", "Lena", "Max", "Nia",
        "Omar", "Pia", "Quinn", "Rosa", "Sam", "Tara", "Uma", "Vic", "Wes", "Xena", "Yuri", "Zoe"};
    static final String[] LAST = {"Adams", "Baker", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen", "Khan", "Lopez",
        "Moreau", "Nguyen", "Olsen", "Patel", "Quist", "Rossi", "Singh", "Tanaka", "Ueda", "Varga", "Weber", "Young", "Zhang"};
    static final String[] PLANS = {"Platinum", "Gold", "Silver", "Break Fix"};
    static final String[] TERMS = {"Month to Month", "1 Year", "2 Year", "3 Year"};
    static final String[] SUBJECTS = {"Outlook keeps asking for password", "Printer offline", "New hire setup", "VPN not connecting",
        "Laptop running slow", "Phishing email reported", "Shared drive access", "Teams audio issues", "Replace failing disk",
        "MFA reset request", "Wi-Fi drops in conference room", "Software install request", "Backup job failed", "Firewall firmware update",
        "Offboarding user", "Scanner to email broken"};
    static final String[] ACTIVE = {"open", "pending", "customer_replied", "waiting_customer", "on_hold", "update_needed", "scheduled"};

    private DemoDataGenerator() {
    }

    public record Counts(int companies, int contacts, int assets, int tickets) {
    }

    public static Counts generate(Path out, int scale, long seed, Instant now) throws IOException {
        Files.createDirectories(out);
        Random rnd = new Random(seed);
        int nCompanies = 25 * scale;
        List<String> accts = new ArrayList<>();
        StringBuilder companies = new StringBuilder(Csv.line(List.of("account_number", "name", "description", "plan_selected",
                "contract_term_length", "contract_start_date", "support_level", "compliance_level", "email_system", "phone_system",
                "company_main_number", "address", "domains")));
        LocalDate today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        for (int i = 0; i < nCompanies; i++) {
            String acct = String.valueOf(100000 + (i * 7919 + 1237) % 900000);
            accts.add(acct);
            String name = PREFIX[i % PREFIX.length] + " " + KIND[(i / PREFIX.length + i) % KIND.length] + (i >= PREFIX.length * KIND.length ? " " + (i / (PREFIX.length * KIND.length) + 1) : "");
            String plan = i % 12 == 11 ? "Inactive" : PLANS[rnd.nextInt(PLANS.length)];
            String term = TERMS[rnd.nextInt(TERMS.length)];
            String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
            companies.append(Csv.line(List.of(acct, name, "Managed IT client since " + (2015 + rnd.nextInt(9)), plan, term,
                    today.minusDays(30 + rnd.nextInt(900)).toString(), plan.equals("Platinum") ? "Unlimited" : "Billed Hourly",
                    i % 10 == 3 ? "hipaa" : i % 17 == 5 ? "cjis" : "standard", rnd.nextBoolean() ? "Microsoft 365" : "Google Workspace",
                    new String[] {"RingCentral", "Microsoft Teams", "3CX", "Zoom Phone"}[rnd.nextInt(4)],
                    String.format("555-%03d-%04d", rnd.nextInt(1000), rnd.nextInt(10000)), (100 + i) + " Main St, Springfield",
                    slug + ".example")));
        }
        StringBuilder contacts = new StringBuilder(Csv.line(List.of("email", "first_name", "last_name", "name", "company_account_numbers",
                "job_title", "mobile_phone_number", "work_phone_number", "employment_type", "active", "vip_user", "external_id")));
        List<String[]> people = new ArrayList<>();
        int nContacts = 16 * nCompanies;
        for (int i = 0; i < nContacts; i++) {
            String acct = accts.get(i % nCompanies);
            String first = FIRST[rnd.nextInt(FIRST.length)];
            String last = LAST[rnd.nextInt(LAST.length)];
            String email = (first + "." + last + "." + i).toLowerCase(Locale.ROOT) + "@c" + acct + ".example";
            people.add(new String[] {email, first + " " + last, acct});
            contacts.append(Csv.line(List.of(email, first, last, "", acct, new String[] {"Office Manager", "Accountant", "Owner", "Associate",
                    "Receptionist", "Engineer", "Nurse"}[rnd.nextInt(7)], String.format("555-%03d-%04d", rnd.nextInt(1000), rnd.nextInt(10000)), "",
                    i % 9 == 0 ? "Part Time" : "Full Time", i % 23 == 0 ? "false" : "true", i % 31 == 0 ? "true" : "false", 9000000 + i)));
        }
        StringBuilder assets = new StringBuilder(Csv.line(List.of("hostname", "company_account_number", "hardware_type", "device_type",
                "operating_system", "antivirus_product", "int_ip_address", "ext_ip_address", "domain", "last_logged_in_user", "online",
                "last_seen", "patch_status", "backup_usage_tb", "description")));
        int nAssets = 32 * nCompanies;
        for (int i = 0; i < nAssets; i++) {
            String acct = accts.get(i % nCompanies);
            boolean server = i % 16 == 0;
            boolean laptop = !server && rnd.nextInt(3) == 0;
            String host = (server ? "SRV" : laptop ? "LT" : "WS") + "-" + acct + "-" + String.format("%03d", i / nCompanies + 1);
            boolean online = rnd.nextInt(10) < 7;
            assets.append(Csv.line(List.of(host, acct, server ? "Server" : laptop ? "Laptop" : "Desktop", server ? "Server" : "Workstation",
                    server ? "Windows Server 2022" : rnd.nextInt(4) == 0 ? "macOS 14" : "Windows 11 Pro", "Microsoft Defender",
                    "10.0." + (i % 250) + "." + (i % 200 + 10), "203.0.113." + (i % nCompanies + 1), "corp.local",
                    people.get(i % people.size())[1], online,
                    Rows.iso(online ? now.minus(Duration.ofMinutes(rnd.nextInt(30))) : now.minus(Duration.ofHours(1 + rnd.nextInt(400)))),
                    new String[] {"Up to Date", "Missing Patches", "Reboot Required"}[rnd.nextInt(3)],
                    server || rnd.nextInt(4) == 0 ? String.format(Locale.ROOT, "%.2f", rnd.nextDouble() * (server ? 4 : 0.8)) : "",
                    server ? "File and print server" : "")));
        }
        StringBuilder tickets = new StringBuilder(Csv.line(List.of("external_id", "external_source", "company_account_number", "subject",
                "description_text", "status", "priority", "ticket_type", "requester_email", "requester_name", "responder_id", "group_id",
                "created_at", "last_updated_at", "closed_at", "total_hours_spent", "fr_due_by", "due_by", "first_responded_at")));
        int nTickets = 3000 * scale;
        String[] priorities = {"low", "medium", "medium", "high", "urgent"};
        for (int i = 0; i < nTickets; i++) {
            String[] who = people.get(rnd.nextInt(people.size()));
            long ageMinutes = (long) (Math.pow(rnd.nextDouble(), 1.3) * 730 * 24 * 60);
            Instant created = now.minus(ageMinutes, ChronoUnit.MINUTES);
            boolean active = ageMinutes < 14 * 24 * 60 && rnd.nextInt(3) > 0;
            Instant updated = created.plus(Duration.ofMinutes(Math.min(ageMinutes, 30 + rnd.nextInt(4000))));
            String status = active ? ACTIVE[rnd.nextInt(ACTIVE.length)] : rnd.nextInt(5) == 0 ? "resolved" : "closed";
            String subject = SUBJECTS[rnd.nextInt(SUBJECTS.length)];
            // SLA targets as a PSA sets them: first response within 1-8 h, resolution within 1-5 days; about
            // half the active tickets have been answered, so the board shows every SLA state.
            Instant frDue = created.plus(Duration.ofHours(1 + rnd.nextInt(8)));
            Instant due = created.plus(Duration.ofDays(1 + rnd.nextInt(5)));
            boolean responded = !active || rnd.nextBoolean();
            Instant respondedAt = responded ? created.plus(Duration.ofMinutes(5 + rnd.nextInt(240))) : null;
            tickets.append(Csv.line(List.of(700000 + i, "freshservice", who[2], subject, subject + " reported by " + who[1] + ".",
                    status, priorities[rnd.nextInt(priorities.length)], rnd.nextInt(5) == 0 ? "Service Request" : "Incident", who[0], who[1],
                    1001 + rnd.nextInt(6), rnd.nextInt(4) == 0 ? 19000234009L : 19000234001L, Rows.iso(created), Rows.iso(updated),
                    active ? "" : Rows.iso(updated), String.format(Locale.ROOT, "%.2f", rnd.nextInt(12) * 0.25),
                    Rows.iso(frDue), Rows.iso(due), respondedAt == null ? "" : Rows.iso(respondedAt))));
        }
        Files.writeString(out.resolve("companies.csv"), companies, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("contacts.csv"), contacts, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("assets.csv"), assets, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("tickets.csv"), tickets, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("billing_plans.json"), plans(), StandardCharsets.UTF_8);
        return new Counts(nCompanies, nContacts, nAssets, nTickets);
    }

    static String plans() {
        List<Map<String, Object>> plans = new ArrayList<>();
        double[] user = {45, 32, 22, 0};
        String[] av = {"SentinelOne", "SentinelOne", "Defender", "Not Included"};
        String[] soc = {"Included", "Included", "Not Included", "Not Included"};
        for (int p = 0; p < PLANS.length; p++) {
            for (int t = 0; t < TERMS.length; t++) {
                Map<String, Object> m = new LinkedHashMap<>();
                double discount = 1 - 0.05 * t;
                m.put("plan_name", PLANS[p]);
                m.put("term_length", TERMS[t]);
                m.put("per_user_cost", Math.round(user[p] * discount * 100) / 100.0);
                m.put("per_workstation_cost", p == 3 ? 0 : 15);
                m.put("per_server_cost", p == 3 ? 0 : 95);
                m.put("per_vm_cost", p == 3 ? 0 : 45);
                m.put("per_switch_cost", p == 3 ? 0 : 10);
                m.put("per_firewall_cost", p == 3 ? 0 : 25);
                m.put("per_hour_ticket_cost", p == 0 ? 0 : 90 + 30 * (p == 3 ? 1 : 0));
                m.put("backup_base_fee_workstation", 25);
                m.put("backup_base_fee_server", 50);
                m.put("backup_included_tb", 1.0);
                m.put("backup_per_tb_fee", 15.0);
                m.put("support_level", p == 0 ? "Unlimited" : "Billed Hourly");
                m.put("features", Map.of("antivirus", av[p], "soc", soc[p], "password_manager", p < 2 ? "Keeper" : "Not Included",
                        "sat", p == 0 ? "KnowBe4" : "Not Included", "email_security", p < 3 ? "Proofpoint" : "Not Included",
                        "network_management", p < 2 ? "Included" : "Not Included"));
                plans.add(m);
            }
        }
        List<Map<String, String>> options = new ArrayList<>();
        for (String[] o : new String[][] {{"antivirus", "SentinelOne"}, {"antivirus", "Defender"}, {"soc", "Included"},
            {"password_manager", "Keeper"}, {"sat", "KnowBe4"}, {"email_security", "Proofpoint"}, {"network_management", "Included"}}) {
            options.add(Map.of("feature_category", o[0], "option_value", o[1], "display_name", o[1]));
        }
        return Rows.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("plans", plans, "feature_options", options));
    }

    public static void main(String[] args) throws IOException {
        int scale = 1;
        Path out = Path.of("var/demo/codex");
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("usage: [--scale N] [--out DIR] [--seed S]");
            }
        }
        Counts c = generate(out, scale, seed, Instant.now().truncatedTo(ChronoUnit.DAYS));
        System.out.println("Wrote " + c + " to " + out.toAbsolutePath());
    }
}
