package com.hivematrix.brainhair.redact;

/** A recognised span of text: [start, end) and its entity type. */
public record Finding(int start, int end, EntityType type) {

    public int length() {
        return end - start;
    }

    public boolean overlaps(Finding o) {
        return start < o.end && o.start < end;
    }
}
