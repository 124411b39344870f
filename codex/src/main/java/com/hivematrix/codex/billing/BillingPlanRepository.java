package com.hivematrix.codex.billing;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface BillingPlanRepository extends JpaRepository<BillingPlan, Long> {

    Optional<BillingPlan> findByPlanNameAndTermLength(String planName, String termLength);

    List<BillingPlan> findByPlanNameOrderByTermLength(String planName);

    boolean existsByPlanNameAndTermLength(String planName, String termLength);
}
