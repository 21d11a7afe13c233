"""What every resource of the API shares: errors and the exception handler, schema
pieces, look-up fields and references, and input serializers derived from forms."""
