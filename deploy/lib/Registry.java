// Reads deploy/services.json (the service registry) and prints one line per service, sorted by
// start_order:   name port module health start_order type health_port url relative_path
// Missing values print as "-". Dependency-free on purpose: run it in source-file mode,
//   java deploy/lib/Registry.java deploy/services.json
// so the launcher needs neither jq nor python.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class Registry {
    private final String s;
    private int i;

    private Registry(String s) { this.s = s; }

    public static void main(String[] args) throws Exception {
        String file = args.length > 0 ? args[0] : "deploy/services.json";
        Object root = new Registry(Files.readString(Path.of(file))).parseDocument();
        if (!(root instanceof Map<?, ?> services)) throw new IllegalArgumentException(file + ": top level is not an object");
        List<Map.Entry<?, ?>> entries = new ArrayList<>(services.entrySet());
        entries.sort((a, b) -> Double.compare(order(a.getValue()), order(b.getValue())));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<?, ?> e : entries) {
            Map<?, ?> svc = (Map<?, ?>) e.getValue();
            out.append(e.getKey()).append(' ')
               .append(field(svc, "port")).append(' ')
               .append(field(svc, "module")).append(' ')
               .append(field(svc, "health")).append(' ')
               .append(field(svc, "start_order")).append(' ')
               .append(field(svc, "type")).append(' ')
               .append(field(svc, "health_port")).append(' ')
               .append(field(svc, "url")).append(' ')
               .append(field(svc, "relative_path")).append('\n');
        }
        System.out.print(out);
    }

    private static double order(Object svc) {
        Object o = svc instanceof Map<?, ?> m ? m.get("start_order") : null;
        return o instanceof Double d ? d : Double.MAX_VALUE;
    }

    private static String field(Map<?, ?> svc, String key) {
        Object v = svc.get(key);
        if (v == null) return "-";
        if (v instanceof Double d && d == Math.rint(d)) return Long.toString(d.longValue());
        String str = v.toString();
        return str.isEmpty() || str.chars().anyMatch(Character::isWhitespace) ? "-" : str;
    }

    private Object parseDocument() {
        Object v = value();
        ws();
        if (i != s.length()) throw err("trailing content");
        return v;
    }

    private Object value() {
        ws();
        if (i >= s.length()) throw err("unexpected end");
        char c = s.charAt(i);
        switch (c) {
            case '{': return object();
            case '[': return array();
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default: return number();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        ws();
        if (peek() == '}') { i++; return m; }
        while (true) {
            ws();
            if (peek() != '"') throw err("expected key");
            String k = string();
            ws();
            expect(':');
            m.put(k, value());
            ws();
            if (peek() == ',') { i++; continue; }
            expect('}');
            return m;
        }
    }

    private List<Object> array() {
        List<Object> l = new ArrayList<>();
        i++;
        ws();
        if (peek() == ']') { i++; return l; }
        while (true) {
            l.add(value());
            ws();
            if (peek() == ',') { i++; continue; }
            expect(']');
            return l;
        }
    }

    private String string() {
        StringBuilder b = new StringBuilder();
        i++;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') return b.toString();
            if (c != '\\') { b.append(c); continue; }
            char e = s.charAt(i++);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> { b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                default -> b.append(e);
            }
        }
        throw err("unterminated string");
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, i)) throw err("bad literal");
        i += word.length();
        return v;
    }

    private Double number() {
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
        if (start == i) throw err("unexpected character '" + s.charAt(i) + "'");
        return Double.parseDouble(s.substring(start, i));
    }

    private void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

    private char peek() { return i < s.length() ? s.charAt(i) : '\0'; }

    private void expect(char c) {
        if (peek() != c) throw err("expected '" + c + "'");
        i++;
    }

    private IllegalArgumentException err(String msg) {
        return new IllegalArgumentException("services.json: " + msg + " at offset " + i);
    }
}
