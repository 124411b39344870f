package com.hivematrix.codex.contact;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ContactRepository extends JpaRepository<Contact, Long> {

    Optional<Contact> findFirstByExternalId(Long externalId);
}
