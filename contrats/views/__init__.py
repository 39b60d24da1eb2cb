"""Public pages of the contracts: projects, communes, programmes, open data."""
