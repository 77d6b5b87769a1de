package io.kaohe.evidence.files;

/**
 * What the first bytes of an upload say. For a container (a zip: OOXML or OFD; an OLE2 compound
 * file: legacy Office) the kind is known only once its directory has been read, after the upload.
 */
record Sniffed(EvidenceType type, Container container) {

    enum Container { NONE, ZIP, OLE2 }

    static Sniffed of(EvidenceType type) {
        return new Sniffed(type, Container.NONE);
    }

    static Sniffed container(Container container) {
        return new Sniffed(null, container);
    }
}
