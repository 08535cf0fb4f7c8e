package dev.gavel.user.repository;

import dev.gavel.user.ExternalIdentity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ExternalIdentityRepository implements PanacheRepositoryBase<ExternalIdentity, ExternalIdentity.Key> {
}
