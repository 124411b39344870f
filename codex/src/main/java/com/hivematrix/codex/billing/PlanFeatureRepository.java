package com.hivematrix.codex.billing;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PlanFeatureRepository extends JpaRepository<PlanFeature, Long> {

    List<PlanFeature> findByPlanId(Long planId);

    Optional<PlanFeature> findByPlanIdAndFeatureType(Long planId, String featureType);
}
