package com.hivematrix.codex.company;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface FeatureOverrideRepository extends JpaRepository<FeatureOverride, Long> {

    List<FeatureOverride> findByCompanyAccountNumberOrderByFeatureKey(String accountNumber);

    @Modifying
    @Query("delete from FeatureOverride f where f.companyAccountNumber = ?1")
    void deleteByCompany(String accountNumber);
}
