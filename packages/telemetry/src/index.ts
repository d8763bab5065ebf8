export { createLogger, type Logger, type LoggerConfig } from './logger.js';
export { isKubeObject, serializeKubeObject, type KubeObjectRef } from './kube-object.js';
export { traceMixin, type TraceFields } from './trace-mixin.js';
export { startHealthServer, type HealthServer, type HealthServerOptions, type MetricsSource } from './health-server.js';
export { onShutdownSignal, type ShutdownOptions, type SignalSource } from './shutdown.js';
export { contextFromAnnotations, traceAnnotations, traceparentFromContext, TRACEPARENT_ANNOTATION } from './trace-annotation.js';
