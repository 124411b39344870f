package com.hivematrix.codex.billing;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface FeatureOptionRepository extends JpaRepository<FeatureOption, Long> {

    Optional<FeatureOption> findByFeatureCategoryAndOptionValue(String category, String value);

    boolean existsByFeatureCategory(String category);
}
