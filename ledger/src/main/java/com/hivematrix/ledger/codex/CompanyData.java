package com.hivematrix.ledger.codex;

import java.util.List;

import com.hivematrix.ledger.engine.Inputs;

/** One company as Codex sends it to Ledger, parsed for the engine. */
public record CompanyData(Inputs.Company company, List<Inputs.Asset> assets, List<Inputs.Contact> contacts, List<Inputs.Ticket> tickets) {
}
