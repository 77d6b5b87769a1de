package io.kaohe.evidence.files;

/**
 * What the first bytes of an upload say. For a container (a zip: OOXML or OFD; an OLE2 compound
 * file: legacy Office) the kind is known only once its directory has been read, after the upload; a PDF is a PDF
 * from its first bytes, and looked into after the upload for what would act when it is opened.
 */
record Sniffed(EvidenceType type, Container container) {

    enum Container { NONE, ZIP, OLE2, PDF }

    static Sniffed of(EvidenceType type) {
        return new Sniffed(type, Container.NONE);
    }

    static Sniffed container(Container container) {
        return new Sniffed(null, container);
    }
}
