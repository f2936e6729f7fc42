"""Interoperability: NG234 facts as FHIR codes, a CDS Hooks service, rules as PlanDefinitions."""
