# Multi-stage build: Maven builds the fat jar, a JRE 17 image runs it.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
COPY routes ./routes
COPY application.properties .
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
RUN useradd --system --home /app ticketbridge && mkdir -p /app/data && chown ticketbridge /app/data
COPY --from=build /src/target/ticketbridge.jar /app/ticketbridge.jar
COPY application.properties /app/application.properties
COPY routes /app/routes
USER ticketbridge
# canonical tickets and dead letters; mount a volume here
VOLUME /app/data
# the embedded sandbox (only while ticketbridge.sandbox.enabled=true): port base 18080 + each simulator's offset
EXPOSE 18081-18099
# pushes and webhooks (camel.server.*): inside a container the server must listen beyond loopback
ENV TICKETBRIDGE_HTTP_HOST=0.0.0.0
EXPOSE 8080
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -Dsun.net.httpserver.nodelay=true"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/ticketbridge.jar \"$@\"", "ticketbridge"]
CMD ["run"]
