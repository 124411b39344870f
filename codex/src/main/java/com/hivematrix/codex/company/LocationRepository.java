package com.hivematrix.codex.company;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface LocationRepository extends JpaRepository<Location, Long> {

    List<Location> findByCompanyAccountNumberOrderByName(String accountNumber);

    Optional<Location> findByIdAndCompanyAccountNumber(Long id, String accountNumber);
}
