package com.hivematrix.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.hivematrix.beacon.board.Board;
import com.hivematrix.beacon.board.View;
import com.hivematrix.shared.problem.ProblemException;

class BoardRulesTest {

    static final Long PS = 19000234009L;

    @Test
    void viewSplitByGroupId() {
        assertThat(View.PROFESSIONAL_SERVICES.includes(PS, PS)).isTrue();
        assertThat(View.HELPDESK.includes(PS, PS)).isFalse();
        assertThat(View.HELPDESK.includes(19000234001L, PS)).isTrue();
        assertThat(View.HELPDESK.includes(null, PS)).isTrue();
        assertThat(View.PROFESSIONAL_SERVICES.includes(null, PS)).isFalse();
        // PS group unknown: helpdesk shows all, PS none (as the original).
        assertThat(View.HELPDESK.includes(PS, null)).isTrue();
        assertThat(View.PROFESSIONAL_SERVICES.includes(PS, null)).isFalse();
        assertThat(View.PROFESSIONAL_SERVICES.includes(null, null)).isFalse();
    }

    @Test
    void viewsBySlug() {
        assertThat(View.require("helpdesk")).isEqualTo(View.HELPDESK);
        assertThat(View.require("professional-services")).isEqualTo(View.PROFESSIONAL_SERVICES);
        assertThatThrownBy(() -> View.require("Helpdesk")).isInstanceOf(ProblemException.class);
    }

    @Test
    void alarmThresholdsOnBothSidesOfEachEdge() {
        assertThat(Board.alarmClass(0)).isEqualTo("count-normal");
        assertThat(Board.alarmClass(89)).isEqualTo("count-normal");
        assertThat(Board.alarmClass(90)).isEqualTo("count-warning");
        assertThat(Board.alarmClass(99)).isEqualTo("count-warning");
        assertThat(Board.alarmClass(100)).isEqualTo("count-danger");
        assertThat(Board.alarmClass(109)).isEqualTo("count-danger");
        assertThat(Board.alarmClass(110)).isEqualTo("count-critical");
        assertThat(Board.alarmClass(119)).isEqualTo("count-critical");
        assertThat(Board.alarmClass(120)).isEqualTo("count-emergency");
    }
}
