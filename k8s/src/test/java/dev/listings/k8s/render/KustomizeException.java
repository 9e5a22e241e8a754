package dev.listings.k8s.render;

/** A kustomization the renderer cannot or must not render (unsupported feature, missing patch target, ...). */
public class KustomizeException extends RuntimeException {
  public KustomizeException(String message) {
    super(message);
  }
}
