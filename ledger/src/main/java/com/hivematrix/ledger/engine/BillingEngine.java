package com.hivematrix.ledger.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one billing calculation (spec §A6) every consumer uses: detail, API, dashboard, invoices,
 * snapshots. A pure function: no I/O, no clock (today is a parameter), no shared state.
 * <p>
 * Money: {@link BigDecimal} throughout; every line (asset, user, line item, backup part, ticket
 * charge) is rounded HALF_UP to cents; totals are sums of rounded lines. Backup TB = bytes / 2^40,
 * summed, then rounded HALF_UP to 2 dp (Codex keeps TB to 2 dp); hours are summed as Codex sends
 * them (2 dp) and billable hours are kept to 2 dp.
 */
public final class BillingEngine {

    public static final List<String> FEATURE_KEYS = List.of("antivirus", "soc", "password_manager", "sat", "email_security",
            "network_management");
    static final BigDecimal BYTES_PER_TB = BigDecimal.valueOf(1_099_511_627_776L);
    static final BigDecimal ZERO = money(BigDecimal.ZERO);

    private final BillingRules rules;

    public BillingEngine(BillingRules rules) {
        this.rules = rules;
    }

    public BillingRules rules() {
        return rules;
    }

    public Bill calculate(Inputs.Company company, Inputs.Plan plan, List<Inputs.Asset> assets, List<Inputs.Contact> contacts,
            List<Inputs.Ticket> tickets, Inputs.Adjustments adj, YearMonth period, LocalDate today) {
        Inputs.Adjustments a = adj == null ? Inputs.Adjustments.NONE : adj;
        Inputs.ClientOverride co = a.client() == null ? Inputs.ClientOverride.NONE : a.client();
        List<String> warnings = new ArrayList<>();

        // 2. effective rates
        Map<Rate, BigDecimal> rates = new EnumMap<>(Rate.class);
        for (Rate r : Rate.values()) {
            BigDecimal v = plan.rates().get(r);
            rates.put(r, v == null ? BigDecimal.ZERO : v);
        }
        co.rates().forEach((r, v) -> {
            if (v != null) {
                rates.put(r, v);
            }
        });
        if (!rules.zeroIncludedTbAllowed() && rates.get(Rate.BACKUP_INCLUDED_TB).signum() == 0) {
            rates.put(Rate.BACKUP_INCLUDED_TB, BigDecimal.ONE);
        }
        String support = co.supportLevel() != null ? co.supportLevel()
                : plan.supportLevel() == null || plan.supportLevel().isBlank() ? "Billed Hourly" : plan.supportLevel();

        Map<String, Integer> quantities = new LinkedHashMap<>();

        // 3. assets
        List<Bill.Line> assetLines = new ArrayList<>();
        int backedUpWs = 0;
        int backedUpSrv = 0;
        BigDecimal totalBytes = BigDecimal.ZERO;
        for (Inputs.Asset asset : assets) {
            Inputs.ItemOverride o = a.assetOverrides().get(asset.id());
            String type = o != null && o.billingType() != null ? o.billingType() : rules.typeOfDevice(asset.deviceType());
            BigDecimal cost = assetCost(type, o == null ? null : o.customCost(), rates);
            quantities.merge(type.toLowerCase(Locale.ROOT), 1, Integer::sum);
            assetLines.add(new Bill.Line(asset.hostname(), type, cost));
            totalBytes = totalBytes.add(BigDecimal.valueOf(asset.backupBytes()));
            if (rules.backupFromEffectiveType() && asset.backupBytes() > 0) {
                if (AssetTypes.WORKSTATION.equals(type)) {
                    backedUpWs++;
                } else if (AssetTypes.SERVER.equals(type) || AssetTypes.VM.equals(type)) {
                    backedUpSrv++;
                }
            }
        }
        for (Inputs.ManualItem m : a.manualAssets()) {
            String type = m.billingType();
            BigDecimal cost = assetCost(type, m.customCost(), rates);
            quantities.merge(type.toLowerCase(Locale.ROOT), 1, Integer::sum);
            assetLines.add(new Bill.Line(m.name(), type, cost));
        }
        BigDecimal totalAssets = sum(assetLines);

        // 4. users
        List<Bill.Line> userLines = new ArrayList<>();
        int regular = 0;
        int free = 0;
        int custom = 0;
        int inactive = 0;
        int shared = 0;
        List<Object[]> people = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Inputs.Contact c : contacts) {
            if (!seen.add(c.id())) {
                continue; // listed twice (e.g. two links to the same company): one person, billed once
            }
            if (!rules.billInactiveContacts() && Boolean.FALSE.equals(c.active())) {
                inactive++;
                continue;
            }
            if (!rules.sharedContactsInEachCompany() && c.companies().size() > 1 && !c.home().equals(company.accountNumber())) {
                shared++;
                userLines.add(new Bill.Line(c.name(), "Billed with " + c.home(), ZERO));
                continue;
            }
            Inputs.ItemOverride o = a.userOverrides().get(c.id());
            people.add(new Object[] {c.name(), o != null && o.billingType() != null ? o.billingType() : AssetTypes.PAID,
                    o == null ? null : o.customCost()});
        }
        for (Inputs.ManualItem m : a.manualUsers()) {
            people.add(new Object[] {m.name(), m.billingType(), m.customCost()});
        }
        for (Object[] p : people) {
            String type = (String) p[1];
            BigDecimal cost;
            if (AssetTypes.CUSTOM.equals(type)) {
                cost = money((BigDecimal) p[2]);
            } else if (AssetTypes.PAID.equals(type)) {
                cost = money(rates.get(Rate.PER_USER));
            } else {
                cost = ZERO;
            }
            if (AssetTypes.PAID.equals(type)) {
                regular++;
            } else if (AssetTypes.CUSTOM.equals(type) && !rules.customUsersCountAsFree()) {
                custom++;
            } else {
                free++;
            }
            userLines.add(new Bill.Line((String) p[0], type, cost));
        }
        quantities.put("regular_users", regular);
        quantities.put("free_users", free);
        if (!rules.customUsersCountAsFree()) {
            quantities.put("custom_users", custom);
        }
        if (!rules.billInactiveContacts()) {
            quantities.put("inactive_users", inactive);
        }
        if (!rules.sharedContactsInEachCompany()) {
            quantities.put("shared_users", shared);
        }
        BigDecimal totalUsers = sum(userLines);

        // 5. ticket hours
        OffsetDateTime windowStart = period.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime nextStart = windowStart.plusMonths(1);
        OffsetDateTime lastSecond = nextStart.minusSeconds(1);
        OffsetDateTime yearStart = yearStart(company, period);
        BigDecimal h = BigDecimal.ZERO;
        BigDecimal u = BigDecimal.ZERO;
        List<Inputs.Ticket> inPeriod = new ArrayList<>();
        for (Inputs.Ticket t : tickets) {
            Instant when = parse(t, warnings);
            if (when == null) {
                continue;
            }
            BigDecimal hours = t.hours() == null ? BigDecimal.ZERO : t.hours();
            boolean inside = !when.isBefore(windowStart.toInstant())
                    && (rules.halfOpenPeriod() ? when.isBefore(nextStart.toInstant()) : !when.isAfter(lastSecond.toInstant()));
            if (inside) {
                h = h.add(hours);
                inPeriod.add(t);
            } else if (when.isBefore(windowStart.toInstant()) && (yearStart == null || !when.isBefore(yearStart.toInstant()))) {
                u = u.add(hours);
            }
        }
        BigDecimal pm = nz(co.prepaidHoursMonthly());
        BigDecimal py = nz(co.prepaidHoursYearly());
        BigDecimal ry = py.subtract(u).max(BigDecimal.ZERO);
        BigDecimal billable = h.subtract(pm).max(BigDecimal.ZERO).subtract(ry).max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
        BigDecimal hourly = rates.get(Rate.PER_HOUR_TICKET);
        BigDecimal ticketCharge = money(billable.multiply(hourly));
        Bill.Hours hoursPart = new Bill.Hours(h, pm, py, u, ry, billable, hourly, ticketCharge);

        // 6. backup (Codex assets only)
        BigDecimal totalTb = totalBytes.divide(BYTES_PER_TB, 10, RoundingMode.HALF_UP).setScale(2, RoundingMode.HALF_UP);
        BigDecimal includedTb = rates.get(Rate.BACKUP_INCLUDED_TB).multiply(BigDecimal.valueOf(backedUpWs + backedUpSrv));
        BigDecimal overageTb = totalTb.subtract(includedTb).max(BigDecimal.ZERO);
        BigDecimal baseWs = money(rates.get(Rate.BACKUP_BASE_WORKSTATION).multiply(BigDecimal.valueOf(backedUpWs)));
        BigDecimal baseSrv = money(rates.get(Rate.BACKUP_BASE_SERVER).multiply(BigDecimal.valueOf(backedUpSrv)));
        BigDecimal overage = money(overageTb.multiply(rates.get(Rate.BACKUP_PER_TB)));
        BigDecimal backupCharge = baseWs.add(baseSrv).add(overage);
        Bill.Backup backup = new Bill.Backup(totalTb, backedUpWs, backedUpSrv, baseWs, baseSrv, includedTb, overageTb, overage, backupCharge);

        // 7. custom line items
        List<Bill.Line> items = new ArrayList<>();
        for (Inputs.LineItem li : a.lineItems()) {
            if (li.monthlyFee() != null) {
                items.add(new Bill.Line(li.name(), "Recurring", money(li.monthlyFee())));
            } else if (li.oneOffYear() != null && li.oneOffMonth() != null && li.oneOffYear() == period.getYear()
                    && li.oneOffMonth() == period.getMonthValue()) {
                if (li.oneOffFee() != null) {
                    items.add(new Bill.Line(li.name(), "One-Off", money(li.oneOffFee())));
                } else {
                    warnings.add("Line item '" + li.name() + "' is due this month but has no one-off fee");
                }
            } else if (li.yearlyBillMonth() != null && li.yearlyBillMonth() == period.getMonthValue()) {
                if (li.yearlyFee() != null) {
                    items.add(new Bill.Line(li.name(), "Yearly", money(li.yearlyFee())));
                } else {
                    warnings.add("Line item '" + li.name() + "' is due this month but has no yearly fee");
                }
            }
        }
        BigDecimal totalItems = sum(items);

        // 8. total
        BigDecimal total = totalAssets.add(totalUsers).add(ticketCharge).add(backupCharge).add(totalItems);

        // 10. features
        Map<String, String> features = new LinkedHashMap<>();
        Map<String, Boolean> featureStatus = new LinkedHashMap<>();
        for (String key : FEATURE_KEYS) {
            String v = plan.features() == null ? null : plan.features().get(key);
            String o = a.featureOverrides().get(key);
            boolean overridden = o != null && !o.isBlank();
            features.put(key, overridden ? o : v == null || v.isBlank() ? "Not Included" : v);
            featureStatus.put(key, overridden);
        }

        String term = ContractTerms.normalize(company.contractTermLength());
        return new Bill(company, plan.planName(), term == null ? ContractTerms.MONTH_TO_MONTH : term, support, period, rates,
                List.copyOf(assetLines), List.copyOf(userLines), List.copyOf(items), quantities, totalAssets, totalUsers, totalItems,
                hoursPart, backup, total, List.copyOf(inPeriod), features, featureStatus, contract(company, today), List.copyOf(warnings));
    }

    private BigDecimal assetCost(String type, BigDecimal customCost, Map<Rate, BigDecimal> rates) {
        if (AssetTypes.CUSTOM.equals(type)) {
            return money(customCost);
        }
        Rate r = Rate.forAssetType(type);
        return r == null ? ZERO : money(rates.get(r));
    }

    /** Start of the prepaid year the period falls in, or null when every earlier ticket counts. */
    private OffsetDateTime yearStart(Inputs.Company company, YearMonth period) {
        LocalDate first = period.atDay(1);
        LocalDate start = switch (rules.prepaidYear()) {
            case ALL_PRIOR_TICKETS -> null;
            case CALENDAR_YEAR -> LocalDate.of(period.getYear(), 1, 1);
            case CONTRACT_ANNIVERSARY -> {
                LocalDate cs = company.contractStartDate();
                if (cs == null || cs.isAfter(first)) {
                    yield cs == null ? LocalDate.of(period.getYear(), 1, 1) : cs;
                }
                LocalDate anniversary = cs.withYear(period.getYear());
                yield anniversary.isAfter(first) ? cs.withYear(period.getYear() - 1) : anniversary;
            }
        };
        return start == null ? null : start.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** ISO with zone; zone-less (either 'T' or ' ') in the configured zone, with a warning; anything else is skipped and reported. */
    private Instant parse(Inputs.Ticket t, List<String> warnings) {
        String raw = t.lastUpdatedAt();
        String label = "Ticket " + (t.ticketNumber() != null ? t.ticketNumber() : String.valueOf(t.id()));
        if (raw == null || raw.isBlank()) {
            warnings.add(label + " has no last-updated date and was not billed");
            return null;
        }
        String s = raw.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            Instant i = LocalDateTime.parse(s).atZone(rules.zonelessZone()).toInstant();
            warnings.add(label + " has a timestamp without a time zone (" + raw + "); read as " + rules.zonelessZone());
            return i;
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            Instant i = LocalDate.parse(s).atStartOfDay(rules.zonelessZone()).toInstant();
            warnings.add(label + " has a date without a time (" + raw + "); read as start of day " + rules.zonelessZone());
            return i;
        } catch (DateTimeParseException e) {
            warnings.add(label + " has an unreadable last-updated date (" + raw + ") and was not billed");
            return null;
        }
    }

    /** §A6 step 9: display only, evaluated against today. */
    static Bill.Contract contract(Inputs.Company c, LocalDate today) {
        String term = ContractTerms.normalize(c.contractTermLength());
        LocalDate end = c.contractEndDate();
        String display;
        if (end != null) {
            display = end.toString();
        } else if (term == null || ContractTerms.MONTH_TO_MONTH.equals(term)) {
            display = ContractTerms.MONTH_TO_MONTH;
        } else if (c.contractStartDate() == null) {
            display = "Invalid Start Date";
        } else {
            end = ContractTerms.endDate(c.contractStartDate(), term);
            display = end == null ? "N/A" : end.toString();
        }
        boolean expired = end != null && today.isAfter(end);
        boolean soon = end != null && !expired && !end.isAfter(today.plusDays(30));
        return new Bill.Contract(c.contractStartDate(), end, display, expired, soon);
    }

    public static BigDecimal money(BigDecimal v) {
        return (v == null ? BigDecimal.ZERO : v).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal nz(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static BigDecimal sum(List<Bill.Line> lines) {
        BigDecimal s = ZERO;
        for (Bill.Line l : lines) {
            s = s.add(l.cost());
        }
        return s;
    }
}
