package com.hivematrix.codex.agent;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface AgentRepository extends JpaRepository<Agent, String> {

    @Query("select a from Agent a where lower(a.email) = lower(?1)")
    Optional<Agent> findByEmailIgnoreCase(String email);

    List<Agent> findAllByOrderByUsername();
}
