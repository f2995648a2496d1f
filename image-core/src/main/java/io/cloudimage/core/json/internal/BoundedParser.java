package io.cloudimage.core.json.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A parser whose limit errors say where they happened. Jackson reports a broken {@link
 * com.fasterxml.jackson.core.StreamReadConstraints} limit without a location; this delegate turns
 * each into a parse error at the parser's current line, worded for the person who wrote the file.
 */
final class BoundedParser extends JsonParserDelegate {
  BoundedParser(JsonParser d) {
    super(d);
  }

  /** A step of the parser that may break a limit. */
  @FunctionalInterface
  private interface Step<T> {
    T run() throws IOException;
  }

  private <T> T located(Step<T> step) throws IOException {
    try {
      return step.run();
    } catch (StreamConstraintsException e) {
      JsonLocation at = delegate.currentLocation();
      throw new JsonParseException(this, StrictJson.limitMessage(e), at, e);
    }
  }

  /** Reads through this parser, so that a limit broken inside the value is located too. */
  @Override
  @SuppressWarnings("TypeParameterUnusedInFormals") // Jackson's own signature
  public <T extends com.fasterxml.jackson.core.TreeNode> T readValueAsTree() throws IOException {
    return getCodec().readTree(this);
  }

  @Override
  public JsonToken nextToken() throws IOException {
    return located(delegate::nextToken);
  }

  @Override
  public JsonToken nextValue() throws IOException {
    return located(delegate::nextValue);
  }

  @Override
  public String nextFieldName() throws IOException {
    return located(delegate::nextFieldName);
  }

  @Override
  public String nextTextValue() throws IOException {
    return located(delegate::nextTextValue);
  }

  @Override
  public JsonParser skipChildren() throws IOException {
    located(delegate::skipChildren);
    return this;
  }

  @Override
  public void finishToken() throws IOException {
    located(
        () -> {
          delegate.finishToken();
          return this;
        });
  }

  @Override
  public String getText() throws IOException {
    return located(delegate::getText);
  }

  @Override
  public char[] getTextCharacters() throws IOException {
    return located(delegate::getTextCharacters);
  }

  @Override
  public int getTextLength() throws IOException {
    return located(delegate::getTextLength);
  }

  @Override
  public int getTextOffset() throws IOException {
    return located(delegate::getTextOffset);
  }

  @Override
  public String getValueAsString() throws IOException {
    return located(delegate::getValueAsString);
  }

  @Override
  public String getValueAsString(String defaultValue) throws IOException {
    return located(() -> delegate.getValueAsString(defaultValue));
  }

  @Override
  public Number getNumberValue() throws IOException {
    return located(delegate::getNumberValue);
  }

  @Override
  public Number getNumberValueExact() throws IOException {
    return located(delegate::getNumberValueExact);
  }

  @Override
  public NumberType getNumberType() throws IOException {
    return located(delegate::getNumberType);
  }

  @Override
  public int getIntValue() throws IOException {
    return located(delegate::getIntValue);
  }

  @Override
  public long getLongValue() throws IOException {
    return located(delegate::getLongValue);
  }

  @Override
  public double getDoubleValue() throws IOException {
    return located(delegate::getDoubleValue);
  }

  @Override
  public float getFloatValue() throws IOException {
    return located(delegate::getFloatValue);
  }

  @Override
  public BigInteger getBigIntegerValue() throws IOException {
    return located(delegate::getBigIntegerValue);
  }

  @Override
  public BigDecimal getDecimalValue() throws IOException {
    return located(delegate::getDecimalValue);
  }
}
