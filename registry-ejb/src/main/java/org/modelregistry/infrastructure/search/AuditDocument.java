package org.modelregistry.infrastructure.search;

import java.time.Instant;
import org.hibernate.search.engine.backend.types.Aggregable;
import org.hibernate.search.engine.backend.types.Highlightable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.engine.backend.types.TermVector;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.DocumentId;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.SearchEntity;

/**
 * What the search index holds for one chained audit record (index {@code audit}, one document per {@code seq}).
 * {@link AuditDocuments} builds it from the committed, chained row, never from what a request is writing; the hash
 * is the chain's, so that a search can check each hit against the log before showing it.
 */
@SearchEntity(name = "AuditDocument")
@Indexed(index = "audit")
public class AuditDocument {

    /** The record's sequence number in the chain, as text. */
    @DocumentId
    public String key;

    @GenericField(projectable = Projectable.YES, sortable = Sortable.YES)
    public long seq;

    @KeywordField(projectable = Projectable.YES)
    public String hash;

    @GenericField(projectable = Projectable.YES, sortable = Sortable.YES, aggregable = Aggregable.YES)
    public Instant occurredAt;

    @KeywordField(projectable = Projectable.YES, aggregable = Aggregable.YES)
    public String actor;

    @KeywordField(projectable = Projectable.YES, aggregable = Aggregable.YES)
    public String action;

    /**
     * The words of the actor and the action ({@code version.approved} is {@code version approved}; the standard
     * tokenizer keeps dotted and colon-joined names whole), for {@code q}.
     */
    @FullTextField(analyzer = "name")
    public String who;

    @KeywordField(projectable = Projectable.YES, aggregable = Aggregable.YES)
    public String objectType;

    @KeywordField(projectable = Projectable.YES)
    public String objectId;

    /** Absent for records of no organization (only registry administrators see them). */
    @KeywordField
    public String organizationId;

    @KeywordField(aggregable = Aggregable.YES)
    public String outcome;

    /** The keys and scalar values of the record's details (comments, names, paths, policies), as text. */
    @FullTextField(
            analyzer = "english",
            projectable = Projectable.YES,
            highlightable = Highlightable.ANY,
            termVector = TermVector.WITH_POSITIONS_OFFSETS)
    public String details;

    /** The rebuild that wrote the document last: a rebuild removes the documents older than itself. */
    @GenericField
    public long generation;
}
