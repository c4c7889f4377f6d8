"""The standards roadmap's computation, free of Django: its vocabulary (statuses, life-cycle
phases, scope dimensions, relations) with the synonyms an import maps free text through, the
coverage matrix (phases x dimensions), and the comparison of two frozen editions."""
